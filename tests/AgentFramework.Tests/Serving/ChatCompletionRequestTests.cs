using System.Text.Json;
using AgentFramework.Cli.Serving;
using Microsoft.Extensions.AI;

namespace AgentFramework.Tests.Serving;

public class ChatCompletionRequestTests
{
    private static ChatCompletionRequest Parse(string json) => ChatCompletionRequest.Parse(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void Maps_messages_and_output_changing_options()
    {
        var request = Parse("""
            {"model":"m","messages":[
               {"role":"developer","content":"be brief"},
               {"role":"user","content":[{"type":"text","text":"part one"},{"type":"text","text":" part two"}]},
               {"role":"assistant","content":null}],
             "max_completion_tokens":32,"temperature":0,"top_p":0.5,"top_k":4,"seed":7,"stop":"END",
             "response_format":{"type":"json_object"},"stream":true,"stream_options":{"include_usage":true},"user":"ignored"}
            """);

        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant], request.Messages.Select(m => m.Role));
        Assert.Equal("part one part two", request.Messages[1].Text);
        Assert.Equal((32, 0f, 0.5f, 4, 7L), (request.Options.MaxOutputTokens, request.Options.Temperature, request.Options.TopP, request.Options.TopK, request.Options.Seed));
        Assert.Equal(["END"], request.Options.StopSequences!);
        Assert.IsType<ChatResponseFormatJson>(request.Options.ResponseFormat);
        Assert.True(request.Stream);
        Assert.True(request.IncludeUsage);
    }

    [Theory]
    [InlineData("[]", null)]
    [InlineData("""{"messages":[]}""", "messages")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"image_url"}]}]}""", "messages[0].content")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"stop":[1]}""", "stop")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"stream":"yes"}""", "stream")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"top_p":3}""", "top_p")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"tools":[{"type":"function"}]}""", "tools")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_schema"}}""", "response_format")]
    public void Refuses_what_it_cannot_honour_naming_the_field(string json, string? param)
    {
        var error = Assert.Throws<OpenAiError>(() => Parse(json));
        Assert.Equal(400, error.Status);
        Assert.Equal(param, error.Param);
    }
}
