using System.Security.Cryptography;
using System.Text;

namespace AgentFramework.Evaluation.Synthetic;

/// <summary>
/// Per-case seeds derived from the run seed and the case's coordinates, so any subset of a synthetic set (one length,
/// a --limit) regenerates exactly the same cases. Uses SHA-256, not string.GetHashCode (randomised per process).
/// </summary>
internal static class StableSeed
{
    public static int Derive(int seed, params object[] parts)
    {
        var key = string.Join('|', parts.Prepend(seed).Select(p => Convert.ToString(p, System.Globalization.CultureInfo.InvariantCulture)));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return BitConverter.ToInt32(hash, 0) & int.MaxValue;
    }
}
