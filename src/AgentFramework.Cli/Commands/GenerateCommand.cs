using System.CommandLine;
using System.Globalization;
using System.Text;
using AgentFramework.Cli.Infrastructure;
using AgentFramework.Errors;
using AgentFramework.Onnx;
using Microsoft.Extensions.AI;

namespace AgentFramework.Cli.Commands;

/// <summary><c>agentfw generate</c>: one chat turn on a local ONNX model, streamed, with token counts and speed.</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var prompt = new Option<string?>("--prompt") { Description = "The user message" };
        var promptFile = new Option<string?>("--prompt-file") { Description = "Read the user message from this UTF-8 file" };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Maximum new tokens", DefaultValueFactory = _ => 256 };
        var temperature = new Option<float>("--temperature") { Description = "0 = greedy (default); higher samples more freely", DefaultValueFactory = _ => 0f };
        var topK = new Option<int?>("--top-k") { Description = "Sample only among the K most likely tokens" };
        var topP = new Option<float?>("--top-p") { Description = "Sample only among the most likely tokens holding probability P" };
        var seed = new Option<int?>("--seed") { Description = "Random seed for reproducible sampling" };
        var chatTemplate = new Option<string?>("--chat-template") { Description = "Override the detected chat template: phi3, llama3, llama2, chatml, mistral, gemma, plain" };
        var device = new Option<string>("--device") { Description = "cpu (default) or cuda", DefaultValueFactory = _ => "cpu" };

        var command = new Command("generate",
            "Generate a reply from a local ONNX Runtime GenAI model folder, then print prompt tokens, completion tokens, time to first token and decode speed.\n" +
            "Example: agentfw generate --model ../shared/data/onnx-tiny-models/tiny-random-LlamaForCausalLM-fp16 --prompt \"Call me Ishmael.\" --max-tokens 32");
        foreach (var option in new Option[] { prompt, promptFile, maxTokens, temperature, topK, topP, seed, chatTemplate, device }) command.Options.Add(option);

        CommandAction.Set(command, async (parse, settings, ct) =>
        {
            var folder = settings.Model ?? throw new InvalidOptionException("--model", "--model is required: give an ONNX Runtime GenAI model folder (or set AGENTFW_MODEL)");
            var text = ReadPrompt(parse.GetValue(prompt), parse.GetValue(promptFile));
            int max = parse.GetValue(maxTokens);
            if (max < 1) throw new InvalidOptionException("--max-tokens", $"--max-tokens must be at least 1, got {max}");
            float temp = parse.GetValue(temperature);
            if (temp < 0) throw new InvalidOptionException("--temperature", $"--temperature must be 0 or more, got {temp.ToString(CultureInfo.InvariantCulture)}");

            using var model = OnnxModel.Load(folder, new OnnxModelOptions { Device = parse.GetValue(device) ?? "cpu", ChatTemplate = parse.GetValue(chatTemplate) });
            using var client = new OnnxChatClient(model);
            var options = new ChatOptions { MaxOutputTokens = max, Temperature = temp, TopK = parse.GetValue(topK), TopP = parse.GetValue(topP), Seed = parse.GetValue(seed) };
            var reply = new StringBuilder();
            ChatResponseUpdate? final = null;
            await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, text)], options, ct))
            {
                if (update.FinishReason is not null) { final = update; continue; }
                reply.Append(update.Text);
                if (!settings.Json) { Console.Out.Write(update.Text); Console.Out.Flush(); }
            }
            var usage = final?.Contents.OfType<UsageContent>().FirstOrDefault()?.Details;
            var extra = final?.AdditionalProperties;
            double Figure(string key) => extra?.TryGetValue(key, out var v) == true && v is not null ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : 0;
            var result = new GenerateResult(reply.ToString(), (int)(usage?.InputTokenCount ?? 0), (int)(usage?.OutputTokenCount ?? 0),
                Math.Round(Figure("ttft_ms"), 2), Math.Round(Figure("decode_tokens_per_s"), 1));
            if (settings.Json) CliJson.Write(result);
            else
            {
                Console.Out.WriteLine();
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"prompt tokens: {result.PromptTokens}, completion tokens: {result.CompletionTokens}, ttft: {result.TtftMs:F1} ms, decode: {result.DecodeTokensPerS:F1} tok/s"));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static string ReadPrompt(string? prompt, string? promptFile)
    {
        if (prompt is not null && promptFile is not null) throw new InvalidOptionException("--prompt", "give --prompt or --prompt-file, not both");
        if (promptFile is not null)
        {
            if (!File.Exists(promptFile)) throw new InvalidOptionException("--prompt-file", $"--prompt-file '{promptFile}' not found");
            return File.ReadAllText(promptFile);
        }
        if (string.IsNullOrWhiteSpace(prompt)) throw new InvalidOptionException("--prompt", "give the message with --prompt TEXT or --prompt-file FILE");
        return prompt;
    }
}

/// <summary>The --json shape of <c>agentfw generate</c>.</summary>
public sealed record GenerateResult(string Text, int PromptTokens, int CompletionTokens, double TtftMs, double DecodeTokensPerS);
