using AgentFramework.Agents.Text;
using AgentFramework.Agents.Execution;
using AgentFramework.Citations;
using AgentFramework.Documents;
using AgentFramework.Documents.Folders;
using AgentFramework.Retrieval.Embeddings;
using AgentFramework.Tracing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace AgentFramework.Agents.Extractive;

/// <summary>
/// The model-free pipeline. Summary: TextRank over sentence embeddings, the top-ranked sentences taken up to the word
/// budget and printed in document order. Question: the best sentences by BM25. Every sentence is cited with its exact span.
/// </summary>
public sealed class ExtractivePipeline(IEmbeddingGenerator<string, Embedding<float>> embeddings, IOptions<ExtractiveOptions> options) : IDocumentPipeline
{
    public const string Stage = "extractive";

    private ExtractiveOptions Options => options.Value;

    public string Name => PipelineNames.Extractive;

    public bool NeedsModel => false;

    public bool Supports(PipelineGoal goal) => goal != PipelineGoal.Write;

    public async Task<PipelineResult> RunAsync(PipelineRequest task, PipelineRun run, CancellationToken cancellationToken)
    {
        if (task.Goal == PipelineGoal.Summarize && task.IsCode) return Outline(task, run);
        var sentences = new List<Sentence>();
        foreach (var document in task.Documents) AddSentences(document, sentences);
        run.Trace.Increment("sentences", sentences.Count);
        var picked = task.Goal == PipelineGoal.Summarize
            ? await Summarize(sentences, task.Words, run, cancellationToken).ConfigureAwait(false)
            : Answer(sentences, task.Question!, run);
        var citations = picked.Select(s => s.ToCitation()).ToArray();
        string text = picked.Count == 0 && task.Goal == PipelineGoal.Answer
            ? Options.NoMatchText
            : string.Join(task.Goal == PipelineGoal.Summarize ? " " : "\n", picked.Select(s => Whitespace.Collapse(s.Text)));
        run.Trace.AddArtifact(new TraceArtifact(Stage, task.Goal == PipelineGoal.Summarize ? "summary sentences" : "answer sentences", text, citations));
        return new PipelineResult(text, citations, run.Trace);
    }

    // Source code summarised without a model: a structured outline (files, declarations, doc sentences), not prose fragments.
    private static PipelineResult Outline(PipelineRequest task, PipelineRun run)
    {
        int perDocument = Math.Max(10, task.Words / task.Documents.Count);
        var parts = task.Documents.Select(d => CodebaseOutline.Build(d, perDocument)).ToList();
        var text = string.Join("\n\n", parts.Select(p => p.Text));
        var citations = parts.SelectMany(p => p.Citations).ToArray();
        run.Trace.Increment("outline_lines", citations.Length);
        run.Trace.AddArtifact(new TraceArtifact(Stage, CodebaseOutline.ArtifactTitle, text, citations));
        return new PipelineResult(text, citations, run.Trace);
    }

    // Sentences of each file's own text: a folder's synthetic "=== path ===" header lines are never candidates. Loops,
    // not LINQ over the SentenceSpan structs, which would be compiled at start-up (issue 15).
    private static void AddSentences(Document document, List<Sentence> sentences)
    {
        if (document.Files.Count == 0)
        {
            AddSentences(document, SentenceSplitter.Split(document.Text), sentences);
            return;
        }
        foreach (var f in document.Files)
            AddSentences(document, SentenceSplitter.Split(document.Text, f.Start + FolderDocumentReader.HeaderLine(f.RelativePath).Length, f.End), sentences);
    }

    private static void AddSentences(Document document, IReadOnlyList<SentenceSpan> spans, List<Sentence> sentences)
    {
        for (int i = 0; i < spans.Count; i++) sentences.Add(new Sentence(document.Name, document.Text, spans[i]));
    }

    private async Task<IReadOnlyList<Sentence>> Summarize(List<Sentence> sentences, int wordBudget, PipelineRun run, CancellationToken cancellationToken)
    {
        var candidates = sentences.Where(s => s.Words >= Options.MinSentenceWords && s.Words <= Options.MaxSentenceWords).ToList();
        if (candidates.Count == 0) candidates = sentences;
        run.Trace.Increment("candidate_sentences", candidates.Count);
        var scores = await ScoreAsync(candidates, cancellationToken).ConfigureAwait(false);

        var chosen = new List<int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int words = 0;
        foreach (int i in RankOrder.ByScoreDescending(scores))
        {
            // A sentence repeated in the source (a license header, a boilerplate line) is summarised once.
            if (!seen.Add(string.Join(' ', TextTerms.Of(candidates[i].Text)))) { run.Trace.Increment("repeated_sentences_skipped"); continue; }
            if (words + candidates[i].Words > wordBudget) { if (wordBudget - words < Options.MinSentenceWords) break; continue; }
            chosen.Add(i);
            words += candidates[i].Words;
        }
        // Document order; ties on rank resolved by position above, so the result is deterministic.
        chosen.Sort();
        var inOrder = new Sentence[chosen.Count];
        for (int k = 0; k < inOrder.Length; k++) inOrder[k] = candidates[chosen[k]];
        return inOrder;
    }

    // TextRank over the sentences' embeddings. The built-in hashing embedding is taken in its sparse form, which plain
    // code computes and ReadyToRun precompiles (start-up, issue 15); any other embedding as the generator gives it.
    private async Task<double[]> ScoreAsync(List<Sentence> candidates, CancellationToken cancellationToken)
    {
        var texts = new string[candidates.Count];
        for (int i = 0; i < texts.Length; i++) texts[i] = candidates[i].Text;
        if (embeddings is HashingEmbeddingGenerator hashing)
        {
            var sparse = hashing.EmbedSparse(texts, cancellationToken);
            return TextRank.Score(sparse, Options.Damping, Options.Iterations);
        }
        var vectors = await embeddings.GenerateAsync(texts, cancellationToken: cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var rows = new ReadOnlyMemory<float>[vectors.Count];
        for (int i = 0; i < rows.Length; i++) rows[i] = vectors[i].Vector;
        return TextRank.Score(rows, Options.Damping, Options.Iterations);
    }

    private IReadOnlyList<Sentence> Answer(List<Sentence> sentences, string question, PipelineRun run)
    {
        var bm25 = new Bm25(sentences.Select(s => TextTerms.Of(s.Text)));
        var scores = bm25.Score(TextTerms.Of(question));
        return Enumerable.Range(0, sentences.Count).Where(i => scores[i] > 0)
            .OrderByDescending(i => scores[i]).ThenBy(i => i)
            .Take(Options.AnswerSentences).Select(i => sentences[i]).ToArray();
    }

    private sealed record Sentence(string DocumentName, string DocumentText, SentenceSpan Span)
    {
        public string Text => DocumentText[Span.Start..Span.End];

        public int Words { get; } = TextTerms.CountWords(DocumentText.AsSpan(Span.Start, Span.End - Span.Start));

        public Citation ToCitation() => new(DocumentName, Span.Start, Span.End, Text);
    }

}
