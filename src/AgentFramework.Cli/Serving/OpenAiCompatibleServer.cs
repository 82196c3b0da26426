using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentFramework.Cli.Serving;

/// <summary>
/// An OpenAI-compatible HTTP server (ASP.NET Core minimal API) over any <see cref="IChatClient"/> and optional
/// <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/>: <c>GET /v1/models</c>, <c>POST /v1/chat/completions</c>
/// (JSON or server-sent events), <c>POST /v1/embeddings</c>, <c>GET /health</c>. One model serves every request, one at a
/// time, behind a bounded queue; a client that disconnects cancels its generation. Errors use OpenAI's error shape.
/// </summary>
public sealed class OpenAiCompatibleServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServerState _state;

    public OpenAiCompatibleServer(IChatClient chat, IEmbeddingGenerator<string, Embedding<float>>? embeddings, ServerOptions options)
    {
        _state = new ServerState(chat, embeddings, options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        });
        // Kestrel's own deadline comes after the drain: requests still running at the end of the drain first end
        // themselves with an error (event), then connections are closed.
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = options.ShutdownTimeout + DrainGrace);
        // Signals are the caller's business (the CLI stops us on Ctrl+C/SIGTERM); tests host several servers in one process.
        builder.Services.AddSingleton<IHostLifetime, CallerControlledLifetime>();
        builder.Logging.ClearProviders();
        if (options.LogToConsole)
            builder.Logging.AddSimpleConsole(c => c.SingleLine = true).AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
                .SetMinimumLevel(LogLevel.Information);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(c => c.LogToStandardErrorThreshold = LogLevel.Trace);

        _app = builder.Build();
        _app.Use(CountInFlightAsync);
        _app.Use(HandleErrorsAsync);
        _app.Use(RequireKeyAsync);
        // Liveness only: anyone may ask, so it says nothing about the model or the load.
        _app.MapGet("/health", (HttpContext c) => ServerJson.WriteAsync(c, new { status = "ok" }));
        // The queue, for operators and tests: under /v1, so behind the API key when there is one.
        _app.MapGet("/v1/status", (HttpContext c) => ServerJson.WriteAsync(c, new
        {
            status = _state.Stopping ? "stopping" : "ok",
            model = options.ModelId,
            running = _state.ChatGate.IsBusy ? 1 : 0,
            waiting = Math.Max(0, _state.ChatGate.Admitted - 1),
            max_queue = options.MaxQueue,
            // Chat requests against the window: answered, refused (input errors such as prompt + max_tokens over it), largest.
            chat = new
            {
                answered = _state.ChatCounters.Answered,
                refused = _state.ChatCounters.Refused,
                largest_prompt_tokens = _state.ChatCounters.LargestPrompt,
                largest_prompt_plus_max_tokens = _state.ChatCounters.LargestPromptPlusMaxTokens,
            },
        }));
        _app.MapGet("/v1/models", (HttpContext c) => ServerJson.WriteAsync(c, new
        {
            @object = "list",
            data = Models().Select(id => new { id, @object = "model", created = _state.StartedAt.ToUnixTimeSeconds(), owned_by = "agentfw",
                max_model_len = id == options.ModelId ? options.Tokenizer?.ContextLength : null }).ToArray(),
        }));
        _app.MapPost("/v1/chat/completions", (HttpContext c) => ChatCompletionsHandler.HandleAsync(c, _state));
        _app.MapPost("/v1/embeddings", (HttpContext c) => EmbeddingsHandler.HandleAsync(c, _state));
        _app.MapPost("/tokenize", (HttpContext c) => TokenizeHandlers.TokenizeAsync(c, options.Tokenizer));
        _app.MapPost("/detokenize", (HttpContext c) => TokenizeHandlers.DetokenizeAsync(c, options.Tokenizer));
        _app.MapFallback((HttpContext c) => throw OpenAiError.NotFound($"No route for {c.Request.Method} {c.Request.Path}."));
    }

    /// <summary>Base addresses actually bound (with the real port when 0 was asked for); valid after start.</summary>
    public IReadOnlyList<Uri> Addresses =>
        _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.Select(a => new Uri(a)).ToList() ?? [];

    public Task StartAsync(CancellationToken cancellationToken = default) => _app.StartAsync(cancellationToken);

    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Stops accepting requests; admitted ones (running and queued) get <see cref="ServerOptions.ShutdownTimeout"/> to
    /// finish, then end with an error (an SSE error event and [DONE] for streams, 503 for those not started). Returns
    /// once no request is in flight, so the model can be disposed safely afterwards.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        var idle = _state.BeginStopAsync(_state.Options.ShutdownTimeout);
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await idle.WaitAsync(_state.Options.ShutdownTimeout + DrainGrace + DrainGrace, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Kestrel has aborted every connection by now; a handler still unwinding holds no model call.
        }
    }

    /// <summary>Requests in flight now (tests and shutdown).</summary>
    public int InFlight => _state.InFlight;

    /// <summary>Starts, serves until <paramref name="stop"/> is cancelled, then shuts down gracefully.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        await StartAsync(CancellationToken.None);
        try
        {
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        await StopAsync(CancellationToken.None);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private IEnumerable<string> Models()
    {
        yield return _state.Options.ModelId;
        if (_state.Embeddings is not null) yield return _state.Options.EmbeddingModelId;
    }

    private async Task CountInFlightAsync(HttpContext context, RequestDelegate next)
    {
        _state.RequestStarted();
        try
        {
            if (_state.Stopping && context.Request.Path.StartsWithSegments("/v1"))
            {
                await ServerJson.WriteErrorAsync(context, OpenAiError.ShuttingDown());
                return;
            }
            await next(context);
        }
        finally
        {
            _state.RequestEnded();
        }
    }

    private async Task HandleErrorsAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (OpenAiError error) when (!context.Response.HasStarted)
        {
            await ServerJson.WriteErrorAsync(context, error);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await ServerJson.WriteErrorAsync(context, OpenAiError.FromBadRequest(e));
        }
        catch (Exception e) when (ServerJson.IsClientGone(context, e))
        {
            // The client disconnected; its generation was cancelled through RequestAborted. Nothing to answer.
        }
        catch (Exception e)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("agentfw.serve")
                .LogError("{Method} {Path} failed: {Error}", context.Request.Method, context.Request.Path, e.Message);
            if (!context.Response.HasStarted) await ServerJson.WriteErrorAsync(context, OpenAiError.Internal());
            else if (context.Response.ContentType == "text/event-stream") await ServerJson.WriteStreamErrorAsync(context, OpenAiError.Internal());
            else context.Abort();
        }
    }

    private Task RequireKeyAsync(HttpContext context, RequestDelegate next)
    {
        if (_state.Options.ApiKey is not { Length: > 0 } key || !context.Request.Path.StartsWithSegments("/v1")) return next(context);
        var header = context.Request.Headers.Authorization.ToString();
        var given = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key))
            ? next(context)
            : throw OpenAiError.Unauthorized();
    }

    private sealed class CallerControlledLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
