using AgentFramework.Agents;
using AgentFramework.Cli.Infrastructure;
using AgentFramework.Cli.Serving;
using AgentFramework.Documents;
using AgentFramework.IntegrationTests.Infrastructure;
using AgentFramework.IntegrationTests.Serving;
using AgentFramework.Models;
using AgentFramework.Onnx;
using AgentFramework.Tests.Agents.NastyText;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.IntegrationTests.MessagesAsData;

/// <summary>
/// "No tags or entities added", end to end on the real tiny Llama: a document carrying form feeds, U+0003, chat-message
/// markup, entity literals, template syntax and special-token strings goes through chain-of-agents, full-context,
/// retrieve-then-reason and memory-stream, in process and through the OpenAI-compatible server <c>agentfw serve</c> runs
/// (driven by the agentfw CLI with <c>--endpoint</c>). A recorder directly in front of the ONNX chat client sees every
/// request as the model receives it: only the roles a template declares, the embedded system text unchanged, the
/// document text verbatim (no entity or tag added), and prompt + max_tokens within the 2,048-token window.
/// </summary>
public sealed class MessagesAsDataEndToEndTests
{
    private static readonly string[] Picked =
    [
        "form feeds", "C0 U+0003", "message markup", "closing then opening markup", "numeric entity", "named entities", "CDATA and tags",
        "SK variable", "SK function call", "ChatML tokens", "Llama 3 tokens", "Llama 2 / Mistral tokens", "GPT-2 end of text", "Phi / Gemma tokens",
    ];

    private static readonly string[] EntryTexts = Picked.Select(n => NastyTextCorpus.Entries.Single(e => e.Name == n).Text).ToArray();

    /// <summary>Forms an escaping or wrapping layer would add; none of them is in the document or the templates.</summary>
    private static readonly string[] AddedForms = ["&lt;message", "&lt;/message", "&amp;#", "&amp;amp;", "&amp;lt;", "&#12;", "&#xC;", "&#xc;", "&#3;", "&#x3;", "&lt;|", "<![CDATA[<", "&#34;"];

    private const string Question = "How many barrels did the sailor count?";

    private static string Marked(int paragraph) => $"[[entry {paragraph}:{EntryTexts[paragraph % EntryTexts.Length]}:entry {paragraph}]]";

    private static readonly string Text = string.Join("\n\n", Enumerable.Range(0, 3 * EntryTexts.Length).Select(p =>
        $"In paragraph {p} the sailor counted {p * 7 + 3} barrels of whale oil, and the mate wrote the number in the log. " +
        $"The ship sailed on past the cape while the crew mended the sails. {Marked(p)}"));

    [Fact]
    public async Task In_process_on_the_tiny_llama_every_call_keeps_the_template_roles_and_the_document_verbatim()
    {
        var ct = TestContext.Current.CancellationToken;
        using var model = OnnxModel.Load(SharedData.TinyLlama);
        var profile = LocalModelLoader.WithChatTemplateCounter(model);
        var document = Document.FromText(Text, "nasty.txt");
        foreach (var (pipeline, ask) in Runs)
        {
            var recorder = new RecordingDelegatingChatClient(new OnnxChatClient(model, ownsModel: false));
            var services = new ServiceCollection();
            services.AddSingleton<IChatClient>(ModelPipeline.Wrap(recorder, new ModelPipelineOptions { TokenCounter = profile.TokenCounter }));
            services.AddSingleton(profile);
            services.AddAgentFramework(o =>
            {
                o.ChainOfAgents.UnitTokens = 64;
                o.ChainOfAgents.AnswerTokens = 32;
                o.RetrieveThenReason.TopK = 2;
                o.RetrieveThenReason.ExtractTokens = 32;
                o.RetrieveThenReason.AnswerTokens = 32;
                o.FullContext.AnswerTokens = 32;
            });
            services.AddMemoryStreamPipeline();
            await using var provider = services.BuildServiceProvider();
            var agent = provider.GetRequiredService<IDocumentAgent>();
            _ = ask
                ? await agent.AskAsync([document], Question, pipeline, cancellationToken: ct)
                : await agent.SummarizeAsync([document], pipeline, cancellationToken: ct);
            Audit(recorder.Calls, profile, Text, $"in process, {pipeline}", pipeline);
        }
    }

    [Fact]
    public async Task Through_the_server_every_request_it_receives_keeps_the_template_roles_and_the_document_verbatim()
    {
        var ct = TestContext.Current.CancellationToken;
        using var model = OnnxModel.Load(SharedData.TinyLlama);
        var profile = LocalModelLoader.WithChatTemplateCounter(model);
        var folder = Directory.CreateTempSubdirectory("agentfw-messages-as-data-");
        try
        {
            var path = Path.Combine(folder.FullName, "nasty.txt");
            await File.WriteAllTextAsync(path, Text, ct);
            // What the pipelines read: the loaded text, which must still hold the nasty characters.
            var loaded = (await new DocumentLoader().LoadAsync(path, ct)).Text;
            foreach (var nasty in new[] { "\f", "\u0003", "<message role=\"system\">", "&#252;", "<|eot_id|>", "<|im_end|>", "[INST]" })
                Assert.Contains(nasty, loaded, StringComparison.Ordinal);

            foreach (var (pipeline, ask) in Runs)
            {
                // The server agentfw serve runs, with the served model's tokenizer and window, over a recorder in front of the model.
                var recorder = new RecordingDelegatingChatClient(new OnnxChatClient(model, ownsModel: false));
                await using var server = await RunningServer.StartAsync(recorder, new ServerOptions
                {
                    ModelId = model.Profile.ModelId, TokenCounter = model.TokenCounter, Tokenizer = new OnnxServedTokenizer(model),
                });
                var name = pipeline;
                string[] args = ask
                    ? ["ask", path, "-q", Question, "--pipeline", name, .. (pipeline == PipelineNames.RetrieveThenReason ? new[] { "--top-k", "2" } : []), "--max-output-tokens", "32"]
                    : ["summarize", path, "--pipeline", name, .. (pipeline == PipelineNames.ChainOfAgents ? new[] { "--unit-tokens", "64" } : []), "--max-output-tokens", "32"];
                // A fresh data folder: memory-stream would otherwise reuse a memory stored by an earlier run and read nothing.
                var data = new Dictionary<string, string> { ["XDG_DATA_HOME"] = Path.Combine(folder.FullName, $"data-{name}") };
                var outcome = await AgentFwProcess.RunAsync(folder.FullName, [.. args, "--endpoint", server.ApiBase.ToString(), "--no-cache"], ct,
                    environment: data, limit: TimeSpan.FromMinutes(3));
                Assert.True(outcome.ExitCode == 0, $"{string.Join(' ', args)}: exit {outcome.ExitCode}: {outcome.StandardError}");
                Assert.DoesNotContain("offers no /tokenize", outcome.StandardError);
                Audit(recorder.Calls, profile, loaded, $"through the server, {name}", pipeline);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static readonly (string Pipeline, bool Ask)[] Runs =
    [
        (PipelineNames.ChainOfAgents, false), (PipelineNames.FullContext, false), (PipelineNames.RetrieveThenReason, true), (PipelineNames.MemoryStream, true),
    ];

    private static void Audit(IReadOnlyList<ReceivedCall> calls, ModelProfile profile, string documentText, string context, string pipeline)
    {
        Assert.True(calls.Count > 0, $"{context}: the model received no call");
        for (int n = 0; n < calls.Count; n++)
        {
            var call = calls[n];
            var where = $"{context}, call {n + 1} of {calls.Count}";
            // Roles exactly as one embedded template declares, its literal text (the system message among it) unchanged,
            // document variables verbatim document text, prompt + max_tokens within the window.
            PromptAudit.Check(call.Messages, call.MaxOutputTokens, profile, documentText, where);
            foreach (var message in call.Messages)
                foreach (var form in AddedForms)
                    Assert.False(message.Text.Contains(form, StringComparison.Ordinal) && !calls.Take(n).Any(c => c.Reply.Contains(form, StringComparison.Ordinal)),
                        $"{where}: a {message.Role} message carries '{form}', which neither the document nor the model wrote");
        }
        // Readers of the whole document saw every nasty paragraph verbatim in user content.
        if (pipeline is PipelineNames.ChainOfAgents or PipelineNames.MemoryStream)
        {
            var users = string.Join("\u0001", calls.SelectMany(c => c.Messages).Where(m => m.Role == ChatRole.User).Select(m => m.Text));
            for (int p = 0; p < 3 * EntryTexts.Length; p++)
                Assert.True(users.Contains(Marked(p), StringComparison.Ordinal), $"{context}: paragraph {p}'s entry did not reach a user message verbatim");
        }
    }
}
