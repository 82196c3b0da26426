namespace AgentFramework.Onnx.Generation;

/// <summary>
/// Cuts streamed text at the first stop sequence. Holds back the tail that could still grow into a stop sequence,
/// so no part of a stop sequence is ever emitted.
/// </summary>
internal sealed class StopSequenceFilter(IReadOnlyList<string> stopSequences)
{
    private readonly string[] _stops = stopSequences.Where(s => !string.IsNullOrEmpty(s)).Distinct().ToArray();
    private string _pending = "";

    public bool Stopped { get; private set; }

    /// <summary>Adds text; returns what can be emitted now. After a stop sequence is seen, <see cref="Stopped"/> is true.</summary>
    public string Push(string text)
    {
        if (Stopped) return "";
        if (_stops.Length == 0) return text;
        _pending += text;
        int cut = -1;
        foreach (var stop in _stops)
        {
            int at = _pending.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (cut < 0 || at < cut)) cut = at;
        }
        if (cut >= 0)
        {
            Stopped = true;
            var emit = _pending[..cut];
            _pending = "";
            return emit;
        }
        int hold = 0;
        foreach (var stop in _stops)
            for (int len = Math.Min(stop.Length - 1, _pending.Length); len > hold; len--)
                if (_pending.AsSpan(_pending.Length - len).SequenceEqual(stop.AsSpan(0, len))) { hold = len; break; }
        var ready = _pending[..^hold];
        _pending = _pending[^hold..];
        return ready;
    }

    /// <summary>The held-back tail at the end of generation (it did not become a stop sequence).</summary>
    public string Flush()
    {
        var rest = Stopped ? "" : _pending;
        _pending = "";
        return rest;
    }
}
