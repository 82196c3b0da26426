using AgentFramework.Onnx.Generation;

namespace AgentFramework.Tests.Onnx;

public sealed class GenerationPartsTests
{
    [Fact]
    public void Fp16_argmax_matches_a_scalar_argmax_including_negatives_and_ties()
    {
        var random = new Random(3);
        for (int trial = 0; trial < 50; trial++)
        {
            int n = random.Next(1, 3000);
            var values = Enumerable.Range(0, n).Select(_ => (Half)(random.NextDouble() * 40 - 30)).ToArray();
            if (trial % 5 == 0) values = values.Select(v => -Half.Abs(v)).ToArray(); // all negative
            if (trial % 7 == 0 && n > 10) values[n - 1] = values[3] = values.Max();   // tie: first wins
            var bits = values.Select(BitConverter.HalfToUInt16Bits).ToArray();
            int expected = 0;
            for (int i = 1; i < n; i++) if (values[i] > values[expected]) expected = i;
            Assert.Equal(expected, FastArgmax.ArgmaxFloat16(bits));
        }
    }

    [Fact]
    public void Repetition_penalty_demotes_seen_tokens_under_greedy()
    {
        float[] logits = [1f, 5f, 4.5f, -2f];
        Assert.Equal(1, new TokenSampler(SamplingSettings.Greedy).NextFromFloat32(logits, [1]));
        Assert.Equal(2, new TokenSampler(new SamplingSettings { RepetitionPenalty = 1.2f }).NextFromFloat32(logits, [1]));
    }

    [Fact]
    public void Top_k_one_is_greedy_and_seeded_sampling_repeats()
    {
        var random = new Random(1);
        var logits = Enumerable.Range(0, 500).Select(_ => (float)random.NextDouble()).ToArray();
        int best = Array.IndexOf(logits, logits.Max());
        var topOne = new TokenSampler(new SamplingSettings { Temperature = 1f, TopK = 1, Seed = 5 });
        Assert.All(Enumerable.Range(0, 20), _ => Assert.Equal(best, topOne.NextFromFloat32(logits, [])));

        var a = new TokenSampler(new SamplingSettings { Temperature = 1f, Seed = 9 });
        var b = new TokenSampler(new SamplingSettings { Temperature = 1f, Seed = 9 });
        var drawsA = Enumerable.Range(0, 30).Select(_ => a.NextFromFloat32(logits, [])).ToArray();
        var drawsB = Enumerable.Range(0, 30).Select(_ => b.NextFromFloat32(logits, [])).ToArray();
        Assert.Equal(drawsA, drawsB);
        Assert.True(drawsA.Distinct().Count() > 5);
    }

    [Fact]
    public void Top_k_draws_only_among_the_k_best()
    {
        var random = new Random(11);
        var logits = Enumerable.Range(0, 1000).Select(_ => (float)random.NextDouble() * 3).ToArray();
        var best = logits.Select((v, i) => (v, i)).OrderByDescending(p => p.v).Take(3).Select(p => p.i).ToHashSet();
        var sampler = new TokenSampler(new SamplingSettings { Temperature = 2f, TopK = 3, Seed = 4 });
        var draws = Enumerable.Range(0, 200).Select(_ => sampler.NextFromFloat32(logits, [])).ToArray();
        Assert.All(draws, d => Assert.Contains(d, best));
        Assert.Equal(3, draws.Distinct().Count());
    }

    [Fact]
    public void Temperature_sampling_follows_the_softmax()
    {
        float[] logits = [0f, MathF.Log(3f)];   // probabilities 1/4 and 3/4
        var sampler = new TokenSampler(new SamplingSettings { Temperature = 1f, Seed = 8 });
        int ones = Enumerable.Range(0, 4000).Count(_ => sampler.NextFromFloat32(logits, []) == 1);
        Assert.InRange(ones, 2850, 3150);
    }

    [Fact]
    public void Top_p_keeps_only_the_smallest_set_reaching_p()
    {
        float[] logits = [10f, 9.9f, 0f, 0f, 0f];  // the first two hold ~all of the mass
        var sampler = new TokenSampler(new SamplingSettings { Temperature = 1f, TopP = 0.9f, Seed = 2 });
        Assert.All(Enumerable.Range(0, 100), _ => Assert.InRange(sampler.NextFromFloat32(logits, []), 0, 1));
    }

    [Fact]
    public void Stop_sequence_filter_never_emits_part_of_a_stop_sequence()
    {
        var filter = new StopSequenceFilter(["</answer>"]);
        var emitted = string.Concat(new[] { "The whale", " is big</", "ans", "wer> and more" }.Select(filter.Push));
        Assert.True(filter.Stopped);
        Assert.Equal("The whale is big", emitted);
    }

    [Fact]
    public void Stop_sequence_filter_releases_a_held_tail_that_did_not_match()
    {
        var filter = new StopSequenceFilter(["\nUser:"]);
        var emitted = filter.Push("line one\nUs") + filter.Push("ually fine") + filter.Flush();
        Assert.False(filter.Stopped);
        Assert.Equal("line one\nUsually fine", emitted);
    }

    [Fact]
    public void Vocabulary_guard_maps_only_when_the_graph_is_smaller()
    {
        var guard = new VocabularyGuard(1000, 50257);
        Assert.True(guard.IsRemapping);
        Assert.Equal(256, guard.Map(50256));
        Assert.Equal(999, guard.Map(999));
        var same = new VocabularyGuard(32000, 32000);
        Assert.False(same.IsRemapping);
        Assert.Equal(31999, same.Map(31999));
    }
}
