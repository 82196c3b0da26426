using System.Text.Json.Nodes;
using AgentFramework.Cli.Commands;
using AgentFramework.Models;
using AgentFramework.Onnx;
using AgentFramework.Tracing;
using Microsoft.Extensions.AI;

namespace AgentFramework.IntegrationTests.Onnx;

/// <summary>A model folder whose template lives only in chat_template.jinja (what recent transformers saves).</summary>
public sealed class ModelFolderTemplateTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("agentfw-jinja-folder-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Chat_template_jinja_alone_is_read_rendered_and_reported_by_model_info()
    {
        CopyTinyLlamaWithoutItsTemplate();
        WriteTemplate("{{ bos_token }}{% for m in messages %}[{{ m.role | upper }}] {{ m.content | trim }}\n{% endfor %}{% if add_generation_prompt %}[ASSISTANT]{% endif %}");

        using var model = OnnxModel.Load(_dir);
        Assert.Equal("chat_template.jinja", ModelInfoReport.From(model).ChatTemplateSource);
        using var client = new OnnxChatClient(model);
        var (text, ids, note) = client.PreparePrompt([new ChatMessage(ChatRole.User, "  Call me Ishmael. </s>")]);
        Assert.Equal("<s>[USER] Call me Ishmael. </s>\n[ASSISTANT]", text);
        Assert.Null(note);
        Assert.Equal(1, ids.Count(id => id == 1));   // the template's <s>, no second BOS
        Assert.DoesNotContain(2, ids);                // the </s> in the message stays text
        var reply = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { MaxOutputTokens = 3 }, TestContext.Current.CancellationToken);
        Assert.True(reply.Usage!.OutputTokenCount >= 1);
    }

    [Fact]
    public async Task A_template_that_refuses_system_messages_is_folded_and_the_fold_is_in_the_trace()
    {
        CopyTinyLlamaWithoutItsTemplate();
        // Gemma-2's own rule: a system message raises, as the official template does.
        WriteTemplate(
            "{{ bos_token }}{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}" +
            "{% for m in messages %}<start_of_turn>{{ m.role }}\n{{ m.content | trim }}<end_of_turn>\n{% endfor %}{% if add_generation_prompt %}<start_of_turn>model\n{% endif %}");

        using var model = OnnxModel.Load(_dir);
        var trace = new PipelineTrace();
        using var client = ModelPipeline.Wrap(new OnnxChatClient(model), new ModelPipelineOptions { Trace = trace, Retry = null });
        await client.GetResponseAsync([new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Hi")],
            new ChatOptions { MaxOutputTokens = 2 }, TestContext.Current.CancellationToken);

        var note = Assert.Single(trace.Notices, n => n.Code == TraceNoticeCodes.PromptChanged);
        Assert.Contains("System role not supported", note.Message);
        Assert.Equal(1, trace.Counters["prompt_notes"]);
    }

    /// <summary>The tiny Llama's files, less the template in tokenizer_config.json, so only chat_template.jinja names one.</summary>
    private void CopyTinyLlamaWithoutItsTemplate()
    {
        foreach (var f in Directory.GetFiles(SharedData.TinyLlama)) File.Copy(f, Path.Combine(_dir, Path.GetFileName(f)));
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, "tokenizer_config.json")))!.AsObject();
        config.Remove("chat_template");
        File.WriteAllText(Path.Combine(_dir, "tokenizer_config.json"), config.ToJsonString());
    }

    private void WriteTemplate(string jinja) => File.WriteAllText(Path.Combine(_dir, "chat_template.jinja"), jinja);
}
