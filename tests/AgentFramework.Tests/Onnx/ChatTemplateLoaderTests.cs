using AgentFramework.Errors;
using AgentFramework.Onnx.Chat;
using Microsoft.Extensions.AI;

namespace AgentFramework.Tests.Onnx;

public sealed class ChatTemplateLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("agentfw-chat-template-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Template = "{{ bos_token }}{% for m in messages %}<{{ m.role }}>{{ m.content }}{% endfor %}{% if add_generation_prompt %}<assistant>{% endif %}";

    [Fact]
    public void A_folder_with_only_chat_template_jinja_is_detected_and_rendered()
    {
        File.WriteAllText(Path.Combine(_dir, "chat_template.jinja"), Template);
        File.WriteAllText(Path.Combine(_dir, "tokenizer_config.json"), """{ "bos_token": "<s>", "eos_token": "</s>" }""");
        var notes = new List<string>();
        var template = ChatTemplateLoader.Load(_dir, null, "llama", [], notes);
        Assert.Equal("chat_template.jinja", template.Source);
        Assert.Equal("<s><user>hi<assistant>", template.Render([new ChatMessage(ChatRole.User, "hi")]).ToString());
        Assert.Empty(notes);
    }

    [Fact]
    public void Chat_template_jinja_wins_over_tokenizer_config_and_named_lists_use_default()
    {
        File.WriteAllText(Path.Combine(_dir, "tokenizer_config.json"),
            """{ "chat_template": [ { "name": "tool_use", "template": "TOOLS" }, { "name": "default", "template": "DEFAULT{{ messages[0].content }}" } ] }""");
        Assert.Equal(("DEFAULT{{ messages[0].content }}", "tokenizer_config.json chat_template"), ChatTemplateLoader.Find(_dir));
        File.WriteAllText(Path.Combine(_dir, "chat_template.json"), """{ "chat_template": "FROM-JSON" }""");
        Assert.Equal("chat_template.json chat_template", ChatTemplateLoader.Find(_dir)!.Value.Source);
        File.WriteAllText(Path.Combine(_dir, "chat_template.jinja"), "FROM-JINJA");
        Assert.Equal(("FROM-JINJA", "chat_template.jinja"), ChatTemplateLoader.Find(_dir));
    }

    [Fact]
    public void Chat_template_option_takes_a_jinja_file_or_a_built_in_name()
    {
        var file = Path.Combine(_dir, "mine.jinja");
        File.WriteAllText(file, Template);
        var fromFile = ChatTemplateLoader.Load(_dir, file, "llama", [], new List<string>());
        Assert.Equal(Path.GetFullPath(file), fromFile.Source);
        Assert.Equal("chatml", ChatTemplateLoader.Load(_dir, "chatml", "llama", [], new List<string>()).Name);
        var missing = Assert.Throws<InvalidOptionException>(() => ChatTemplateLoader.Load(_dir, Path.Combine(_dir, "absent.jinja"), "llama", [], new List<string>()));
        Assert.Contains("not found", missing.Message);
    }

    [Fact]
    public void Without_a_template_the_built_in_fallback_is_used_and_said()
    {
        var notes = new List<string>();
        var template = ChatTemplateLoader.Load(_dir, null, "qwen2", [], notes);
        Assert.Equal("chatml", template.Name);
        Assert.Contains(notes, n => n.Contains("no chat template", StringComparison.Ordinal));
    }

    [Fact]
    public void A_template_that_does_not_parse_falls_back_with_a_note()
    {
        File.WriteAllText(Path.Combine(_dir, "chat_template.jinja"), "{% for m in messages %}<|im_start|>{{ m.content }}");
        var notes = new List<string>();
        var template = ChatTemplateLoader.Load(_dir, null, "qwen2", [], notes);
        Assert.Equal("chatml", template.Name);
        Assert.Contains(notes, n => n.Contains("could not be parsed", StringComparison.Ordinal));
    }

    [Fact]
    public void Gemma2_refusal_folds_the_system_message_and_says_so()
    {
        var gemma = File.ReadAllText(Path.Combine(ChatTemplateConformanceTests.Folder, "templates", "gemma-2.jinja"));
        var template = new JinjaChatTemplate(gemma, "test", new Dictionary<string, string?> { ["bos_token"] = "<bos>" });
        ChatMessage[] conversation = [new(ChatRole.System, "Be brief."), new(ChatRole.User, "Hi")];
        Assert.Throws<ChatTemplateRefusedException>(() => template.Render(conversation));
        var prompt = template.RenderOrFold(conversation, true, out var note);
        Assert.Equal("<bos><start_of_turn>user\nBe brief.\n\nHi<end_of_turn>\n<start_of_turn>model\n", prompt.ToString());
        Assert.Contains("System role not supported", note);
    }
}
