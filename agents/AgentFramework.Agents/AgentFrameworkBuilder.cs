using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentFramework.Agents;

/// <summary>
/// What <c>services.AddAgentFramework(...)</c> returns: adds pipelines by name (keyed <see cref="IDocumentPipeline"/>
/// services with their own validated options) and tunes the built-in ones. A new pipeline is one class plus
/// <c>.AddPipeline&lt;MyPipeline, MyOptions&gt;("my-pipeline", o => ...)</c>; the CLI, the bench host and
/// <see cref="IDocumentAgent"/> then find it by that name.
/// </summary>
public sealed class AgentFrameworkBuilder
{
    internal AgentFrameworkBuilder(IServiceCollection services) => Services = services;

    public IServiceCollection Services { get; }

    /// <summary>Registers <typeparamref name="TPipeline"/> (constructed by the container) under <paramref name="name"/>; a later registration of a name replaces an earlier one.</summary>
    public AgentFrameworkBuilder AddPipeline<TPipeline>(string name) where TPipeline : class, IDocumentPipeline
    {
        Register(name);
        Services.AddKeyedSingleton<IDocumentPipeline, TPipeline>(name);
        return this;
    }

    /// <summary>Registers a pipeline built by <paramref name="factory"/> under <paramref name="name"/>.</summary>
    public AgentFrameworkBuilder AddPipeline(string name, Func<IServiceProvider, IDocumentPipeline> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Register(name);
        Services.AddKeyedSingleton(name, (sp, _) => factory(sp));
        return this;
    }

    /// <summary>
    /// Registers <typeparamref name="TPipeline"/> under <paramref name="name"/> with its own options, validated by every
    /// registered <see cref="IValidateOptions{TOptions}"/> (and <paramref name="validate"/>) when first read and at host start.
    /// </summary>
    public AgentFrameworkBuilder AddPipeline<TPipeline, TOptions>(string name, Action<TOptions>? configure = null, Func<TOptions, string?>? validate = null)
        where TPipeline : class, IDocumentPipeline where TOptions : class
    {
        AddPipelineOptions(configure, validate);
        return AddPipeline<TPipeline>(name);
    }

    /// <summary>Changes a pipeline's options (applied after the defaults and earlier calls).</summary>
    public AgentFrameworkBuilder Configure<TOptions>(Action<TOptions> configure) where TOptions : class
    {
        Services.Configure(configure);
        return this;
    }

    internal void AddPipelineOptions<TOptions>(Action<TOptions>? configure, Func<TOptions, string?>? validate) where TOptions : class
    {
        var options = Services.AddOptions<TOptions>();
        if (configure is not null) options.Configure(configure);
        if (validate is not null) Services.AddSingleton<IValidateOptions<TOptions>>(new DelegateValidator<TOptions>(validate));
        options.ValidateOnStart();
    }

    private void Register(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Any(char.IsWhiteSpace))
            throw new ArgumentException($"a pipeline name must be one word such as \"my-pipeline\" (got \"{name}\")", nameof(name));
        Services.AddSingleton(new PipelineRegistration(name));
    }

    /// <summary>Fails options for which <paramref name="check"/> returns a message.</summary>
    private sealed class DelegateValidator<TOptions>(Func<TOptions, string?> check) : IValidateOptions<TOptions> where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options) =>
            check(options) is { } failure ? ValidateOptionsResult.Fail($"{typeof(TOptions).Name}: {failure}") : ValidateOptionsResult.Success;
    }
}
