using System.CommandLine;
using System.Diagnostics;
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
        var chatTemplate = new Option<string?>("--chat-template") { Description = "Override the model folder's chat template: a .jinja file, or a built-in name (phi3, llama3, llama2, chatml, mistral, gemma, plain)" };
        var device = new Option<string>("--device") { Description = "cpu (default) or cuda", DefaultValueFactory = _ => "cpu" };
        var runtime = new Option<string>("--runtime") { Description = "agentfw (default) or genai: ONNX Runtime GenAI runs the forward passes, with our tokenizer ids and stop handling", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("AGENTFW_RUNTIME") ?? OnnxModel.AgentFwRuntime };
        var raw = new Option<bool>("--raw") { Description = "Send the prompt text as is, with no chat template (special-token strings in it are tokens)" };
        var messagesFile = new Option<string?>("--messages") { Description = "Read the conversation from this JSON file: an OpenAI-style array of {\"role\": system|user|assistant, \"content\": ...}" };

        var command = new Command("generate",
            "Generate a reply from a local ONNX Runtime GenAI model folder (or an OpenAI-compatible --endpoint), then print prompt tokens, completion tokens, time to first token and decode speed.\n" +
            "Example: agentfw generate --model ../shared/data/onnx-tiny-models/tiny-random-LlamaForCausalLM-fp16 --prompt \"Call me Ishmael.\" --max-tokens 32");
        foreach (var option in new Option[] { prompt, promptFile, maxTokens, temperature, topK, topP, seed, chatTemplate, device, raw, messagesFile, runtime }) command.Options.Add(option);

        CommandAction.Set(command, async (parse, settings, ct) =>
        {
            if (settings.Model is null && settings.Endpoint is null)
                throw new InvalidOptionException("--model", "--model is required: give an ONNX Runtime GenAI model folder (or set AGENTFW_MODEL), or --endpoint URL");
            var conversation = GenerateMessages.Read(parse.GetValue(prompt), parse.GetValue(promptFile), parse.GetValue(messagesFile), parse.GetValue(raw));
            if (parse.GetValue(raw) && settings.Endpoint is not null)
                throw new InvalidOptionException("--raw", "--raw needs a local --model folder (an endpoint applies its own chat template)");
            int max = parse.GetValue(maxTokens);
            if (max is < 1 or > NumericLimits.MaxTokens) throw new InvalidOptionException("--max-tokens", $"--max-tokens must be between 1 and {NumericLimits.MaxTokens}, got {max}");
            float temp = parse.GetValue(temperature);
            if (!float.IsFinite(temp) || temp < 0 || temp > 2) throw new InvalidOptionException("--temperature", $"--temperature must be a number from 0 to 2, got {temp.ToString(CultureInfo.InvariantCulture)}");
            if (parse.GetValue(topP) is { } p && (!float.IsFinite(p) || p <= 0 || p > 1))
                throw new InvalidOptionException("--top-p", $"--top-p must be a number above 0 and at most 1, got {p.ToString(CultureInfo.InvariantCulture)}");
            if (parse.GetValue(topK) is < 0) throw new InvalidOptionException("--top-k", "--top-k must be 0 (off) or more");

            // A local folder runs here; --endpoint goes through the model middleware (usage, retry), never the call
            // cache: generate measures speed, and a replayed answer would report a meaningless one.
            using var client = settings.Endpoint is not null
                ? (await ModelResolver.ResolveAsync(settings, ModelResolver.ReadOptions(parse) with { CachePath = null }, ct))!.Chat
                : new OnnxChatClient(OnnxModel.Load(settings.Model!, new OnnxModelOptions { Device = parse.GetValue(device) ?? "cpu", ChatTemplate = parse.GetValue(chatTemplate), Runtime = parse.GetValue(runtime) ?? OnnxModel.AgentFwRuntime }), ownsModel: true);
            var options = new ChatOptions { MaxOutputTokens = max, Temperature = temp, TopK = parse.GetValue(topK), TopP = parse.GetValue(topP), Seed = parse.GetValue(seed) };
            if (settings.Endpoint is null)
            {
                options.AdditionalProperties = new AdditionalPropertiesDictionary();
                if (parse.GetValue(raw)) options.AdditionalProperties[OnnxChatClient.RawPromptProperty] = true;
                if (settings.Json) options.AdditionalProperties[OnnxChatClient.EchoPromptProperty] = true;
            }
            var reply = new StringBuilder();
            ChatResponseUpdate? final = null;
            UsageDetails? usage = null;
            var clock = Stopwatch.StartNew();
            double? firstTextMs = null;
            await foreach (var update in client.GetStreamingResponseAsync(conversation, options, ct))
            {
                usage = update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details ?? usage;
                if (update.FinishReason is not null) { final = update; continue; }
                if (string.IsNullOrEmpty(update.Text)) continue;
                firstTextMs ??= clock.Elapsed.TotalMilliseconds;
                reply.Append(update.Text);
                if (!settings.Json) { Console.Out.Write(update.Text); Console.Out.Flush(); }
            }
            double totalMs = clock.Elapsed.TotalMilliseconds;
            var extra = final?.AdditionalProperties;
            double? Figure(string key) => extra?.TryGetValue(key, out var v) == true && v is not null ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : null;
            int completionTokens = (int)(usage?.OutputTokenCount ?? 0);
            // A local model reports its own timings; over an endpoint they are measured here, on the client.
            double ttft = Figure("ttft_ms") ?? firstTextMs ?? totalMs;
            double decode = Figure("decode_tokens_per_s")
                ?? (completionTokens > 1 && totalMs > ttft ? (completionTokens - 1) / ((totalMs - ttft) / 1000) : 0);
            if (extra?.TryGetValue("prompt_notes", out var promptNote) == true && promptNote is string noteText) Console.Error.WriteLine($"note: {noteText}");
            var result = new GenerateResult(reply.ToString(), (int)(usage?.InputTokenCount ?? 0), completionTokens,
                Math.Round(ttft, 2), Math.Round(decode, 1),
                extra?.TryGetValue("prompt", out var promptText) == true ? promptText as string : null,
                extra?.TryGetValue("prompt_ids", out var promptIds) == true ? promptIds as int[] : null,
                extra?.TryGetValue("completion_ids", out var completionIds) == true ? completionIds as int[] : null);
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
}

/// <summary>The --json shape of <c>agentfw generate</c>.</summary>
/// <remarks>Prompt, PromptIds and CompletionIds: the exact prompt a local model saw and the ids it produced (null over an endpoint).</remarks>
public sealed record GenerateResult(string Text, int PromptTokens, int CompletionTokens, double TtftMs, double DecodeTokensPerS,
    string? Prompt = null, IReadOnlyList<int>? PromptIds = null, IReadOnlyList<int>? CompletionIds = null);
