using System.Text;
using AgentFramework.Retrieval;

namespace AgentFramework.Tests.Retrieval;

/// <summary>
/// The hashing embedding as it was first written (a string per word and per bigram, each UTF-8 encoded and hashed):
/// the oracle the allocation-free <see cref="AgentFramework.Retrieval.Embeddings.HashingEmbeddingGenerator"/> must
/// match bit for bit, because stores already hold vectors it made. Kept deliberately simple; never optimise it.
/// </summary>
public static class ReferenceHashingEmbedding
{
    public static float[] Embed(string text, int dimensions)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        string? previous = null;
        foreach (var word in Words(text))
        {
            bool stop = StopWords.Contains(word);
            if (!stop) counts[word] = counts.GetValueOrDefault(word) + 1;
            if (previous is not null && !(stop && StopWords.Contains(previous)))
            {
                var bigram = previous + " " + word;
                counts[bigram] = counts.GetValueOrDefault(bigram) + 1;
            }
            previous = word;
        }
        var vector = new float[dimensions];
        foreach (var (feature, tf) in counts)
        {
            ulong hash = Fnv1a64(feature);
            vector[(int)(hash % (ulong)dimensions)] += ((hash >> 63) == 0 ? 1f : -1f) * (1f + MathF.Log(tf));
        }
        float norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        if (norm > 0) System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        return vector;
    }

    private static IEnumerable<string> Words(string text)
    {
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i])) i++;
            int start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i])
                   || char.GetUnicodeCategory(text[i]) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark)) i++;
            if (i > start) yield return text.Substring(start, i - start).ToLowerInvariant();
        }
    }

    private static ulong Fnv1a64(string value)
    {
        ulong hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(value)) { hash ^= b; hash *= 1099511628211UL; }
        hash ^= hash >> 30; hash *= 0xbf58476d1ce4e5b9UL;
        hash ^= hash >> 27; hash *= 0x94d049bb133111ebUL;
        hash ^= hash >> 31;
        return hash;
    }
}
