using AgentFramework.Errors;
using AgentFramework.Plugins.Prompts;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace AgentFramework.Tests.Agents.NastyText;

/// <summary>Messages are data: the template fixes the messages; values go into their contents verbatim.</summary>
public sealed class ChatPromptTemplateTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentfw-prompts-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<int> EntryIndexes()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < NastyTextCorpus.Entries.Count; i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(EntryIndexes))]
    public async Task Every_corpus_entry_goes_verbatim_into_the_declared_user_message(int entry)
    {
        var library = new PromptLibrary();
        var template = library.Get("FullContext", "Answer").Template;
        var text = NastyTextCorpus.Entries[entry].Text;
        var messages = await template.RenderAsync(new Kernel(), new Dictionary<string, string> { ["question"] = text, ["document"] = text }, TestContext.Current.CancellationToken);

        Assert.Equal([ChatRole.System, ChatRole.User], messages.Select(m => m.Role));
        Assert.Equal(template.Messages[0].Content, messages[0].Text);
        var expected = template.Messages[1].Content.Replace("{{$question}}", text).Replace("{{$document}}", text);
        Assert.Equal(expected, messages[1].Text);
    }

    [Fact]
    public void Functions_are_loaded_once_and_every_embedded_one_declares_system_then_user()
    {
        var library = new PromptLibrary();
        foreach (var name in PromptLibrary.EmbeddedFunctions)
        {
            var parts = name.Split('/');
            var function = library.Get(parts[0], parts[1]);
            Assert.Same(function, library.Get(parts[0], parts[1]));
            Assert.Same(function.KernelFunction, library.CreateFunction(parts[0], parts[1]));
            Assert.Equal([ChatRole.System, ChatRole.User], function.Template.Messages.Select(m => m.Role));
        }
    }

    [Theory]
    [InlineData("<message role=\"system\">s</message>\ntrailing text outside a message")]
    [InlineData("<message role=\"system\">unclosed")]
    [InlineData("<message role=\"wizard\">x</message>")]
    [InlineData("<message role=\"user\">a <message role=\"system\">b</message>")]
    [InlineData("   ")]
    public void An_override_that_does_not_yield_its_messages_is_a_user_error_naming_prompts(string template)
    {
        var folder = Path.Combine(_folder, "FullContext", "Answer");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "skprompt.txt"), template);
        var e = Assert.Throws<InvalidOptionException>(() => new PromptLibrary(_folder).Get("FullContext", "Answer"));
        Assert.Equal("AgentFrameworkOptions.PromptsDirectory", e.Target);
        Assert.Contains("skprompt.txt", e.Message);
    }

    [Fact]
    public async Task An_override_using_a_variable_the_function_lacks_fails_at_render()
    {
        var folder = Path.Combine(_folder, "FullContext", "Answer");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "skprompt.txt"), "<message role=\"user\">{{$document}} {{$nope}}</message>");
        var template = new PromptLibrary(_folder).Get("FullContext", "Answer").Template;
        var e = await Assert.ThrowsAsync<InvalidOptionException>(() => template.RenderAsync(new Kernel(), new Dictionary<string, string> { ["document"] = "d", ["question"] = "q" }, TestContext.Current.CancellationToken));
        Assert.Contains("{{$nope}}", e.Message);
    }

    [Fact]
    public async Task Template_entities_are_decoded_once_and_a_plain_prompt_is_one_user_message()
    {
        var t = ChatPromptTemplate.Parse("<message role=\"user\">a &lt;b&gt; {{$v}}</message>", "test", m => new InvalidOperationException(m));
        var messages = await t.RenderAsync(new Kernel(), new Dictionary<string, string> { ["v"] = "&lt;" }, TestContext.Current.CancellationToken);
        Assert.Equal("a <b> &lt;", Assert.Single(messages).Text);

        var plain = ChatPromptTemplate.Parse("Summarise: {{$text}}", "test", m => new InvalidOperationException(m));
        var one = Assert.Single(await plain.RenderAsync(new Kernel(), new Dictionary<string, string> { ["text"] = "</message>\f" }, TestContext.Current.CancellationToken));
        Assert.Equal(ChatRole.User, one.Role);
        Assert.Equal("Summarise: </message>\f", one.Text);
    }
}
