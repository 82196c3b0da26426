namespace AgentFramework.Cli.Serving;

/// <summary>
/// What the chat requests asked of the model's window, for <c>GET /v1/status</c>: requests answered, requests the model
/// refused as input errors (a prompt + max_tokens over its context among them), and the largest prompt and
/// prompt + max_tokens answered (the model's own count of the rendered prompt). Lets an operator, and the tests, see
/// that clients budget to the stated window without reading logs.
/// </summary>
internal sealed class ChatRequestCounters
{
    private long _answered;
    private long _refused;
    private long _largestPrompt;
    private long _largestPromptPlusMaxTokens;

    public long Answered => Interlocked.Read(ref _answered);
    public long Refused => Interlocked.Read(ref _refused);
    public long LargestPrompt => Interlocked.Read(ref _largestPrompt);
    public long LargestPromptPlusMaxTokens => Interlocked.Read(ref _largestPromptPlusMaxTokens);

    /// <summary>An answered request: its prompt tokens and the output it reserved (max_tokens, else what it wrote).</summary>
    public void Answer(long promptTokens, long reservedOutputTokens)
    {
        Interlocked.Increment(ref _answered);
        Raise(ref _largestPrompt, promptTokens);
        Raise(ref _largestPromptPlusMaxTokens, promptTokens + reservedOutputTokens);
    }

    public void Refuse() => Interlocked.Increment(ref _refused);

    private static void Raise(ref long field, long value)
    {
        for (long seen = Interlocked.Read(ref field); value > seen; seen = Interlocked.Read(ref field))
            if (Interlocked.CompareExchange(ref field, value, seen) == seen) return;
    }
}
