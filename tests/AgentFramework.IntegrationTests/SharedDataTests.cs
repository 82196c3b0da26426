namespace AgentFramework.IntegrationTests;

public class SharedDataTests
{
    [Fact]
    public void Tiny_llama_export_has_its_config()
    {
        var dir = SharedData.TinyLlama;
        Assert.True(File.Exists(Path.Combine(dir, "genai_config.json")));
    }
}
