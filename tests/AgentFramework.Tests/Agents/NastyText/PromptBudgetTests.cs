using AgentFramework.Agents.Execution;
using AgentFramework.Errors;
using AgentFramework.Models;
using AgentFramework.Plugins.Prompts;
using AgentFramework.Tokens;
using AgentFramework.Tracing;

namespace AgentFramework.Tests.Agents.NastyText;

/// <summary>The prompt caller's last line of defence: it measures before sending, and a model's overflow is retried once, then our bug.</summary>
public sealed class PromptBudgetTests
{
    private static readonly Dictionary<string, string> Variables = new() { ["question"] = "Who?", ["document"] = string.Join(' ', Enumerable.Repeat("whale", 400)) };

    private static PromptCaller Caller(ScriptedChatClient client, int window) =>
        new(PipelineModel.CreateKernel(client), new PromptLibrary(), new ModelProfile("scripted", window, TokenCounters.Cl100k));

    [Fact]
    public async Task A_prompt_over_the_window_is_never_sent()
    {
        var client = new ScriptedChatClient(_ => "x");
        var e = await Assert.ThrowsAsync<PromptBudgetException>(() => Caller(client, 512).InvokeAsync("FullContext", "Answer", "s", Variables, 256, TestContext.Current.CancellationToken));
        Assert.Empty(client.Calls);
        Assert.False(typeof(UserInputException).IsAssignableFrom(e.GetType()), "an over-budget prompt is our bug, not the user's");
        Assert.True(e.PromptTokens + e.OutputTokens > 512);
    }

    [Fact]
    public async Task A_context_refusal_is_retried_once_shrunk_and_traced_then_is_our_bug()
    {
        var ct = TestContext.Current.CancellationToken;
        int refusals = 1;
        var once = new ScriptedChatClient(_ => refusals-- > 0 ? throw new ModelException("EndpointOptions.BaseUrl", "rejected (HTTP 400): maximum context length is 2048 tokens") : "ok");
        var trace = new PipelineTrace();
        using (PipelineContext.Begin(trace))
            Assert.Equal("ok", await Caller(once, 4096).InvokeAsync("FullContext", "Answer", "s", Variables, 256, ct));
        Assert.Equal(2, once.Calls.Count);
        Assert.True(once.Calls[1].User.Length < once.Calls[0].User.Length);
        Assert.Equal(1, trace.Counters["overflow_retries"]);
        Assert.Contains(trace.Artifacts, a => a.Name == "overflow retry");

        var always = new ScriptedChatClient(_ => throw new ModelException("prompt", "the prompt is 5000 tokens; the context length is 4096"));
        var bug = await Assert.ThrowsAsync<PromptBudgetException>(() => Caller(always, 4096).InvokeAsync("FullContext", "Answer", "s", Variables, 256, ct));
        Assert.Equal(2, always.Calls.Count);
        Assert.Contains("internal budget error", bug.Message);
    }

    [Fact]
    public void The_safety_margin_counter_raises_counts_and_cuts_prefixes_to_fit_them()
    {
        var margin = new SafetyMarginTokenCounter(TokenCounters.Cl100k, 0.15);
        var text = string.Join(' ', Enumerable.Repeat("harpoon", 300));
        Assert.Equal((int)Math.Ceiling(TokenCounters.Cl100k.CountTokens(text) * 1.15), margin.CountTokens(text));
        int cut = margin.GetIndexByTokenCount(text, 100, out int count);
        Assert.True(count <= 100 && margin.CountTokens(text.AsSpan(0, cut)) <= 100);
    }
}
