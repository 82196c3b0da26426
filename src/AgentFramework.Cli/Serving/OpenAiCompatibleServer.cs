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
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = options.ShutdownTimeout);
        // Signals are the caller's business (the CLI stops us on Ctrl+C/SIGTERM); tests host several servers in one process.
        builder.Services.AddSingleton<IHostLifetime, CallerControlledLifetime>();
        builder.Logging.ClearProviders();
        if (options.LogToConsole)
            builder.Logging.AddSimpleConsole(c => c.SingleLine = true).AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
                .SetMinimumLevel(LogLevel.Information);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(c => c.LogToStandardErrorThreshold = LogLevel.Trace);

        _app = builder.Build();
        _app.Use(HandleErrorsAsync);
        _app.Use(RequireKeyAsync);
        _app.MapGet("/health", (HttpContext c) => ServerJson.WriteAsync(c, new
        {
            status = "ok",
            model = options.ModelId,
            running = _state.ChatGate.IsBusy ? 1 : 0,
            waiting = Math.Max(0, _state.ChatGate.Admitted - 1),
            max_queue = options.MaxQueue,
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

    /// <summary>Stops accepting requests; in-flight ones get <see cref="ServerOptions.ShutdownTimeout"/> to finish, then are cancelled.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

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
        catch (Exception e) when (ServerJson.IsClientGone(context, e))
        {
            // The client disconnected; its generation was cancelled through RequestAborted. Nothing to answer.
        }
        catch (Exception e)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("agentfw.serve")
                .LogError("{Method} {Path} failed: {Error}", context.Request.Method, context.Request.Path, e.Message);
            if (context.Response.HasStarted) context.Abort();
            else await ServerJson.WriteErrorAsync(context, OpenAiError.Internal());
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
