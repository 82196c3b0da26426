using System.Text.Json;
using System.Text.RegularExpressions;
using AgentFramework.Onnx.Tokenization;
using Microsoft.ML.Tokenizers;
using GenAi = Microsoft.ML.OnnxRuntimeGenAI;

namespace AgentFramework.IntegrationTests.Onnx;

/// <summary>
/// Runs of whitespace (1–5 spaces before digits, letters and punctuation; tabs; newlines; leading and trailing spaces)
/// on the SentencePiece-style tokenizers (tiny Llama, Phi-3-style), against both references.
///
/// Hugging Face: the tiny Llama's tokenizer.json declares a Prepend("▁") + Replace(" ", "▁") normalizer and
/// "pre_tokenizer": null, so `tokenizers` runs BPE over the whole normalized text (TokenizerImpl::do_pre_tokenize
/// does nothing without a pre-tokenizer, huggingface/tokenizers@3ba8ad00 tokenizers/src/tokenizer/mod.rs), and
/// "x␣␣1" becomes "▁x" "▁▁" "1". The expected ids were produced by Hugging Face's tokenizers.js from that file
/// (TokenizerConformance/generate_whitespace_expected.mjs); ours equal them in every case.
///
/// ONNX Runtime GenAI 0.20.0 deviates from the declared behaviour: its tokenizer (onnxruntime-extensions,
/// KernelBpeTokenizer::SpmTokenize, microsoft/onnxruntime-extensions@319f8d2c operators/tokenizer/bpe_kernels.cc)
/// pre-splits SentencePiece text that does not start with a space with a Llama-3-style regex it substitutes for a
/// missing pre-tokenizer (BpeModel::GetPreTokenizerRegex returns LLAMA_REGEX_PATTERN for spm models,
/// bpe_tokenizer_model.hpp / bpe_utils.hpp). Its `\s+(?!\S)` alternative leaves the last space of a run as its own
/// piece and `\p{N}{1,3}` takes no leading space, so "x␣␣1" becomes "▁x" "▁" "▁" "1". The second test shows that this
/// regex split, then the same BPE per piece, reproduces GenAI's ids exactly: the difference is GenAI's, not a bug of
/// ours, and our prompts stay equal to Hugging Face's (what the models were trained with).
/// </summary>
public sealed partial class WhitespaceTokenizationTests : IDisposable
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Onnx", "TokenizerConformance", "whitespace_expected.json");
    private readonly string _dir = Directory.CreateTempSubdirectory("agentfw-whitespace-ids-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("llama")]
    [InlineData("phi3")]
    public void Ids_equal_hugging_face_tokenizers_as_tokenizer_json_declares(string folderKind)
    {
        var tokenizer = TokenizerLoader.Load(Folder(folderKind));
        var cases = Cases();
        Assert.True(cases.Count >= 70, $"fixture has {cases.Count} cases");
        var wrong = new List<string>();
        foreach (var c in cases)
        {
            // As message content (every character marked), the way prompts are encoded.
            var ours = PromptEncoder.Encode(tokenizer, c.Text, Enumerable.Repeat(true, c.Text.Length).ToArray());
            if (!ours.SequenceEqual(c.Ids)) wrong.Add($"{c.Id}: hf [{string.Join(',', c.Ids)}] ours [{string.Join(',', ours)}]");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Theory]
    [InlineData("llama")]
    [InlineData("phi3")]
    public void Onnx_runtime_genai_differs_only_by_its_undeclared_llama3_regex_presplit(string folderKind)
    {
        var folder = Folder(folderKind);
        var tokenizer = TokenizerLoader.Load(folder);
        var spm = Assert.IsAssignableFrom<SentencePieceTokenizer>(tokenizer.Inner);
        using var model = new GenAi.Model(folder);
        using var reference = new GenAi.Tokenizer(model);
        int differing = 0, twoSpacesBeforeDigit = 0;
        var unexplained = new List<string>();
        foreach (var c in Cases())
        {
            using var sequences = reference.Encode(c.Text);
            var theirs = sequences[0].ToArray().ToList();
            if (theirs.Count > 0 && tokenizer.BosId is { } bos && theirs[0] == bos) theirs.RemoveAt(0);
            var ours = PromptEncoder.Encode(tokenizer, c.Text);
            var predicted = OrtExtensionsSentencePiece(spm, c.Text);
            if (!theirs.SequenceEqual(predicted))
                unexplained.Add($"{c.Id}: genai [{string.Join(',', theirs)}] presplit model [{string.Join(',', predicted)}] ours [{string.Join(',', ours)}]");
            if (theirs.SequenceEqual(ours)) continue;
            differing++;
            if (c.Text.Contains("x  1", StringComparison.Ordinal)) twoSpacesBeforeDigit++;
            // Different segmentation of the same text, never different text.
            Assert.Equal(tokenizer.Decode([.. theirs], skipSpecial: false), tokenizer.Decode([.. ours], skipSpecial: false));
        }
        Assert.True(unexplained.Count == 0, string.Join("\n", unexplained));
        // The issue's case is among them, and most cases (single spaces, letters after spaces) agree.
        Assert.Equal(1, twoSpacesBeforeDigit);
        Assert.InRange(differing, 1, Cases().Count / 2);
    }

    /// <summary>
    /// GenAI's SentencePiece path as onnxruntime-extensions writes it (read from bpe_kernels.cc, not copied): "▁" is
    /// prepended; text starting with a space is encoded whole; otherwise it is split with the Llama-3 regex and each
    /// piece, spaces turned into "▁", goes through BPE on its own.
    /// </summary>
    private static List<int> OrtExtensionsSentencePiece(SentencePieceTokenizer spm, string text)
    {
        var ids = new List<int>();
        var prefixed = "\u2581" + text;
        IEnumerable<string> pieces = text.StartsWith(' ') ? [prefixed] : Llama3Pieces().Matches(prefixed).Select(m => m.Value);
        foreach (var piece in pieces)
            ids.AddRange(spm.EncodeToIds(piece.Replace(' ', '\u2581'), addBeginningOfSentence: false, addEndOfSentence: false, considerPreTokenization: false, considerNormalization: false));
        return ids;
    }

    // onnxruntime-extensions bpe_utils.hpp PreTokenizerWithRegEx::LLAMA_REGEX_PATTERN.
    [GeneratedRegex(@"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+")]
    private static partial Regex Llama3Pieces();

    private string Folder(string kind) => kind == "llama" ? SharedData.TinyLlama : PromptTokenizationTests.WritePhi3StyleFolder(_dir);

    private sealed record Case(string Id, string Text, int[] Ids);

    private static List<Case> Cases()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixture));
        return doc.RootElement.GetProperty("cases").EnumerateArray().Select(c => new Case(
            c.GetProperty("id").GetString()!, c.GetProperty("text").GetString()!,
            c.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray())).ToList();
    }
}
