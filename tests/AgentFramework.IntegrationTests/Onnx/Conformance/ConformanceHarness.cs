using AgentFramework.Onnx;
using AgentFramework.Onnx.GenAi;
using AgentFramework.Onnx.Generation;
using AgentFramework.Tests.Onnx.BuilderFixtures;

namespace AgentFramework.IntegrationTests.Onnx.Conformance;

/// <summary>
/// Both engines on one builder fixture: our runtime (OnnxModel, its decoder runner, token generators at any chunk
/// size) and ONNX Runtime GenAI on the same folder. Greedy outputs are compared on raw token ids with the end-of-sequence
/// ids of genai_config.json on both sides, so the comparison is of the engines, not of tokenizers.
/// </summary>
internal sealed class ConformanceHarness : IDisposable
{
    public ConformanceHarness(BuilderFixture fixture, bool lastPositionLogitsOnly = true)
    {
        Fixture = fixture;
        Folder = BuilderFixtureFolder.Ensure(fixture);
        Ours = OnnxModel.Load(Folder, new OnnxModelOptions { LastPositionLogitsOnly = lastPositionLogitsOnly, IntraOpThreads = 2, DecodeIntraOpThreads = 1 });
        Reference = GenAiEngine.Load(Folder, intraOpThreads: 2);
        Eos = new HashSet<int>(Ours.Config.EosTokenIds);
    }

    public BuilderFixture Fixture { get; }

    public string Folder { get; }

    public OnnxModel Ours { get; }

    public GenAiEngine Reference { get; }

    public IReadOnlySet<int> Eos { get; }

    /// <summary>Our generator over the loaded runner at a chunk size, with or without a prefix cache.</summary>
    public TokenGenerator Generator(int chunk, PrefixCache? cache = null) =>
        new(Ours.Runner, Eos, chunk, cache, Fixture.Name) { RotarySwitchThreshold = Ours.Generator.RotarySwitchThreshold };

    public static int[] Greedy(TokenGenerator generator, int[] prompt, int maxNew, bool usePrefixCache = true, GenerationStats? stats = null)
    {
        var request = new GenerationRequest { MaxNewTokens = maxNew, UsePrefixCache = usePrefixCache };
        var tokens = new List<int>();
        stats ??= new GenerationStats();
        var stream = generator.GenerateAsync(prompt, request, stats).GetAsyncEnumerator();
        try { while (stream.MoveNextAsync().AsTask().GetAwaiter().GetResult()) tokens.Add(stream.Current); }
        finally { stream.DisposeAsync().AsTask().GetAwaiter().GetResult(); }
        return [.. tokens];
    }

    /// <summary>Deterministic prompt ids, none of them an end-of-sequence id or a control id (0..2).</summary>
    public int[] Prompt(int length, int seed)
    {
        var random = new Random(seed);
        int top = Math.Min(Fixture.VocabSize, 32000);
        var ids = new int[length];
        for (int i = 0; i < length; i++)
        {
            int id;
            do id = random.Next(3, top); while (Eos.Contains(id));
            ids[i] = id;
        }
        return ids;
    }

    /// <summary>Logits of the last prompt position from one full pass of our runner.</summary>
    public float[] OurLastLogits(int[] prompt, out int rows)
    {
        using var empty = KvCache.Empty(Ours.Runner.Signature);
        var result = Ours.Runner.Forward(prompt, empty);
        using var _ = result.Cache;
        rows = result.Rows;
        return result.RowAsFloats(result.Rows - 1);
    }

    public void Dispose()
    {
        Reference.Dispose();
        Ours.Dispose();
    }
}
