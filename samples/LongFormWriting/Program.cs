// LongFormWriting: plan-then-write a long Markdown document to a measured length through the library API.
//
//   dotnet run --project samples/LongFormWriting -- http://127.0.0.1:8080/v1 "A history of whaling in New England" 5000 whaling.md
//
// Any OpenAI-compatible server works (vLLM, llama.cpp's server, `agentfw serve --model DIR`). Calls go through the
// framework's middleware with a call cache, so interrupting and re-running resumes where it stopped.
using AgentFramework.Agents;
using AgentFramework.Agents.PlanThenWrite;
using AgentFramework.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

if (args.Length < 3 || !int.TryParse(args[2], out var words) || words <= 0)
{
    Console.Error.WriteLine("usage: LongFormWriting ENDPOINT_URL \"INSTRUCTION\" WORDS [OUT.md]   (model id from AGENTFW_MODEL_ID)");
    return 2;
}
var (endpointUrl, instruction, outPath) = (args[0], args[1], args.Length > 3 ? args[3] : "longform.md");

// 1. The model: an endpoint client behind usage accounting, the call cache and retries; its window and tokenizer as the
//    server states them (AGENTFW_CONTEXT_LENGTH, default 8192, only when it states none).
var endpoint = EndpointOptions.Parse(endpointUrl, Environment.GetEnvironmentVariable("AGENTFW_MODEL_ID"), Environment.GetEnvironmentVariable("AGENTFW_API_KEY"));
var budget = EndpointBudgets.Discover(endpoint, int.TryParse(Environment.GetEnvironmentVariable("AGENTFW_CONTEXT_LENGTH"), out var c) ? c : 8192, TimeSpan.FromSeconds(10));
Console.Error.WriteLine(budget.Description);
var profile = budget.Profile;
var services = new ServiceCollection();
services.AddEndpointChatClient(endpoint)
    .UseUsageAccounting(profile.TokenCounter)
    .UseCallCache(new SqliteCallCache(Path.Combine(Path.GetTempPath(), "longform-sample-calls.db")))
    .UseRetry();
services.AddSingleton(profile);

// 2. The pipeline: plan, write each section with a rolling context, continue short sections, shorten long ones.
services.AddAgentFramework().Configure<PlanThenWriteOptions>(o => o.MaxContinuationRounds = 3);
await using var provider = services.BuildServiceProvider();
var pipeline = provider.GetRequiredService<PlanThenWritePipeline>();
var result = await pipeline.WriteAsync(new WritingRequest(instruction, words), grounding: null, new StderrProgress());

// 3. The result: Markdown, per-section counts and every round, and LongBench-Write's length score.
await File.WriteAllTextAsync(outPath, result.Markdown);
foreach (var section in result.Sections)
    Console.WriteLine($"{section.Plan.Number,3}. {section.Plan.Title,-40} target {section.Plan.TargetWords,5}  written {section.Words,5}  rounds {section.Rounds.Count}");
// A plan that fell back to generic sections, or a length off its target, is said, never silent.
foreach (var notice in result.Trace.Notices) Console.Error.WriteLine($"warning: {notice.Message}");
Console.WriteLine($"{result.WrittenWords} of {result.RequestedWords} words, S_l = {result.LengthScore:F1}, {result.Trace.CallCount} calls ({result.Trace.CachedCallCount} cached) -> {outPath}");
return 0;

// Reports synchronously, in order (Progress<T> would post to the thread pool and may reorder lines).
sealed class StderrProgress : IProgress<SectionProgress>
{
    public void Report(SectionProgress p) =>
        Console.Error.WriteLine($"section {p.Section}/{p.TotalSections} {p.Title}: {p.Words}/{p.TargetWords} words ({(p.SectionDone ? "done" : p.Round.ToString().ToLowerInvariant())})");
}
