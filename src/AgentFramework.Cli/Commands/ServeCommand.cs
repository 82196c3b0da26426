using System.CommandLine;
using System.Runtime.InteropServices;
using AgentFramework.Cli.Infrastructure;
using AgentFramework.Cli.Serving;
using AgentFramework.Errors;
using Microsoft.Extensions.AI;

namespace AgentFramework.Cli.Commands;

/// <summary><c>agentfw serve</c>: exposes a local model over the OpenAI API until Ctrl+C or SIGTERM.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var embeddingModel = new Option<string?>("--embedding-model") { Description = "Local model folder that answers /v1/embeddings" };
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen, e.g. http://127.0.0.1:8080 (loopback unless you give another address; port 0 picks a free one)",
            DefaultValueFactory = _ => ServerOptions.DefaultUrls,
        };
        var apiKey = new Option<string?>("--api-key") { Description = "Require 'Authorization: Bearer KEY' on /v1 requests (or AGENTFW_SERVE_API_KEY)" };
        var maxQueue = new Option<int>("--max-queue")
        {
            Description = "Requests that may wait behind the running one; more get HTTP 429",
            DefaultValueFactory = _ => 16,
        };
        var maxBody = new Option<long>("--max-body-bytes")
        {
            Description = "Largest request body accepted; larger ones get HTTP 413",
            DefaultValueFactory = _ => 16L * 1024 * 1024,
        };

        var drainSeconds = new Option<double>("--drain-seconds")
        {
            Description = "On Ctrl+C/SIGTERM: seconds running and queued requests get to finish before they are ended (default 10)",
            DefaultValueFactory = _ => 10,
        };
        var allowNoKey = new Option<bool>("--allow-no-key")
        {
            Description = "Serve on a non-loopback address without --api-key (anyone who can reach it can use the model)",
        };

        var command = new Command("serve",
            "Serve a local model over the OpenAI API (/v1/chat/completions with streaming, /v1/embeddings, /v1/models, /health).\n" +
            "Resident memory stays under: 256 MiB runtime + the model's weight files + --prefix-cache-mb + one context of KV\n" +
            "+ (--max-queue + 1) x 6 x --max-body-bytes; the total for the model is printed at startup.\n" +
            "Example: agentfw serve --model models/phi-3-mini --urls http://127.0.0.1:8080 --max-queue 8");
        foreach (var option in new Option[] { embeddingModel, urls, apiKey, maxQueue, maxBody, drainSeconds, allowNoKey }) command.Options.Add(option);

        CommandAction.Set(command, async (parse, settings, ct) =>
        {
            if (settings.Model is null)
                throw new InvalidOptionException("--model", "serve needs --model DIR: the local model folder to serve");
            var queue = parse.GetValue(maxQueue);
            if (queue < 0) throw new InvalidOptionException("--max-queue", $"--max-queue {queue} must be 0 or more");
            var bodyLimit = parse.GetValue(maxBody);
            if (bodyLimit < 1024) throw new InvalidOptionException("--max-body-bytes", $"--max-body-bytes {bodyLimit} must be at least 1024");
            var drain = parse.GetValue(drainSeconds);
            if (!double.IsFinite(drain) || drain < 0 || drain > 3600)
                throw new InvalidOptionException("--drain-seconds", $"--drain-seconds {drain.ToString(System.Globalization.CultureInfo.InvariantCulture)} must be a number from 0 to 3600");
            var listen = parse.GetValue(urls)!;
            var key = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("AGENTFW_SERVE_API_KEY");
            foreach (var url in listen.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out var u) || u.Scheme != Uri.UriSchemeHttp)
                    throw new InvalidOptionException("--urls", $"--urls '{url}' is not an http URL like http://127.0.0.1:8080");
                if (string.IsNullOrEmpty(key) && !IsLoopback(u) && !parse.GetValue(allowNoKey))
                    throw new InvalidOptionException("--allow-no-key",
                        $"--urls {url} is reachable from other machines and no --api-key is set, so anyone there could use the model: add --api-key KEY (or AGENTFW_SERVE_API_KEY), listen on 127.0.0.1, or pass --allow-no-key to accept that");
            }

            using var model = LocalModelLoader.Load(settings.Model, options: ModelOptions.LocalModelOptions(parse));
            using var embeddings = parse.GetValue(embeddingModel) is { } folder ? LocalModelLoader.LoadEmbeddings(folder) : null;
            var options = new ServerOptions
            {
                Urls = listen,
                ModelId = model.Profile.ModelId,
                EmbeddingModelId = embeddings?.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId
                    ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(parse.GetValue(embeddingModel) ?? "embedding"))),
                ApiKey = key,
                ShutdownTimeout = TimeSpan.FromSeconds(drain),
                MaxQueue = queue,
                MaxRequestBodyBytes = bodyLimit,
                TokenCounter = model.Profile.TokenCounter,
                Tokenizer = (model.Chat as AgentFramework.Onnx.OnnxChatClient)?.Model is { } onnx ? new OnnxServedTokenizer(onnx) : null,
                LogToConsole = true,
            };

            // Ctrl+C arrives through ct; SIGTERM (service managers, docker stop) is handled here the same way.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });
            await using var server = new OpenAiCompatibleServer(model.Chat, embeddings ?? model.Embeddings, options);
            try
            {
                await server.StartAsync(CancellationToken.None);
            }
            catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse or System.Net.Sockets.SocketError.AddressNotAvailable or System.Net.Sockets.SocketError.AccessDenied }
                                        || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOptionException("--urls", $"--urls {listen}: cannot listen there ({e.Message.ReplaceLineEndings(" ")}); pick a free port (or port 0) or stop the other server");
            }
            foreach (var address in server.Addresses) Console.WriteLine($"agentfw serve: listening on {address} (model {options.ModelId})");
            var servedModel = (model.Chat as AgentFramework.Onnx.OnnxChatClient)?.Model;
            Console.Error.WriteLine($"agentfw serve: {ServeMemoryBound.For(servedModel, queue, bodyLimit).Describe()}");
            Console.Error.WriteLine("agentfw serve: press Ctrl+C to stop");
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            Console.Error.WriteLine($"agentfw serve: stopping; running and queued requests get {drain:0.#} s to finish");
            // Returns once no request is in flight; the model is disposed after it (the usings unwind in reverse).
            await server.StopAsync(CancellationToken.None);
            Console.Error.WriteLine("agentfw serve: stopped");
            return ExitCodes.Success;
        });
        return command;
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (System.Net.IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));
}
