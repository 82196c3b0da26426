using Microsoft.ML.Tokenizers;

namespace AgentFramework.Onnx.Tokenization;

/// <summary>
/// Encodes a whole rendered prompt the way the model's reference tokenizer (Hugging Face tokenizers, ONNX Runtime
/// GenAI) encodes the same string: added tokens are found leftmost-longest with their lstrip/rstrip/single_word flags,
/// and each piece of text between them goes through the base model once, with the "▁" prefix space only where the
/// tokenizer's normalizer or pre-tokenizer puts it. One difference on purpose: characters marked as message content
/// never match a control token (special tokens, chat markup), so a document cannot end a turn or forge a role; they are
/// encoded as the ordinary text they are.
/// </summary>
internal static partial class PromptEncoder
{
    public static List<int> Encode(ModelTokenizer tokenizer, string text, IReadOnlyList<bool>? contentMarks = null)
    {
        var candidates = Candidates(tokenizer);
        var ids = new List<int>();
        int segmentStart = 0, i = 0;
        while (i < text.Length)
        {
            var match = LongestAt(text, i, contentMarks, candidates);
            if (match is null) { i++; continue; }
            int start = i, end = i + match.Content.Length;
            if (match.Lstrip) while (start > segmentStart && char.IsWhiteSpace(text[start - 1])) start--;
            if (match.Rstrip) while (end < text.Length && char.IsWhiteSpace(text[end])) end++;
            EncodeSegment(tokenizer, text, segmentStart, start, ids);
            ids.Add(match.Id);
            segmentStart = i = end;
        }
        EncodeSegment(tokenizer, text, segmentStart, text.Length, ids);
        return ids;
    }

    /// <summary>Added tokens by first character, longest first (cached per tokenizer).</summary>
    private static Dictionary<char, AddedToken[]> Candidates(ModelTokenizer tokenizer) =>
        Cache.GetValue(tokenizer, t => t.AddedTokens.Concat(t.WhitespaceTokens)
            .Where(a => a.Content.Length > 0)
            .GroupBy(a => a.Content[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.Content.Length).ToArray()));

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ModelTokenizer, Dictionary<char, AddedToken[]>> Cache = new();

    private static AddedToken? LongestAt(string text, int i, IReadOnlyList<bool>? content, Dictionary<char, AddedToken[]> candidates)
    {
        if (!candidates.TryGetValue(text[i], out var tokens)) return null;
        foreach (var token in tokens)
        {
            int end = i + token.Content.Length;
            if (end > text.Length || string.CompareOrdinal(text, i, token.Content, 0, token.Content.Length) != 0) continue;
            if (token.IsControl && content is not null && AnyContent(content, i, end)) continue;
            if (token.SingleWord && ((i > 0 && IsWordChar(text[i - 1])) || (end < text.Length && IsWordChar(text[end])))) continue;
            return token;
        }
        return null;
    }

    private static bool AnyContent(IReadOnlyList<bool> marks, int start, int end)
    {
        for (int k = start; k < end; k++) if (marks[k]) return true;
        return false;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static void EncodeSegment(ModelTokenizer tokenizer, string text, int start, int end, List<int> ids)
    {
        if (end <= start) return;
        var segment = text[start..end];
        if (tokenizer.Inner is SentencePieceTokenizer spm)
        {
            // Normalize as the reference does (spaces to "▁", prefix where the scheme says), then run the model on it as is.
            bool prefix = tokenizer.PrefixScheme == PrefixSpaceScheme.Always || (tokenizer.PrefixScheme == PrefixSpaceScheme.First && start == 0);
            var normalized = (prefix ? "\u2581" : "") + segment.Replace(' ', '\u2581');
            ids.AddRange(spm.EncodeToIds(normalized, addBeginningOfSentence: false, addEndOfSentence: false, considerPreTokenization: false, considerNormalization: false));
        }
        else if (tokenizer.Inner is CodeGenTokenizer codeGen && codeGen.SpecialTokens is { Count: > 0 } specials
            && specials.Keys.Any(k => segment.Contains(k, StringComparison.Ordinal)))
        {
            // CodeGenTokenizer would turn "<|endoftext|>" inside this text into its special id: pre-tokenize with the
            // GPT-2 pattern ourselves and run the byte-level BPE on each piece, so the text stays text.
            foreach (System.Text.RegularExpressions.Match piece in Gpt2Pieces().Matches(segment))
                ids.AddRange(codeGen.EncodeToIds(piece.Value, considerPreTokenization: false, considerNormalization: false));
        }
        else ids.AddRange(tokenizer.Inner.EncodeToIds(segment));
    }

    // Hugging Face ByteLevel pre-tokenizer (use_regex): GPT-2's split pattern.
    [System.Text.RegularExpressions.GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+")]
    private static partial System.Text.RegularExpressions.Regex Gpt2Pieces();
}
