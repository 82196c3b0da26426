using System.Text;

namespace AgentFramework.IntegrationTests.Hardening;

/// <summary>
/// Malformed requests for the server fuzz test, by class: JSON syntax, invalid UTF-8, lone surrogate escapes, wrong
/// JSON types, out-of-range numbers (each chat case both unstreamed and streamed), embeddings input faults, HTTP-level
/// faults, and raw-socket framing faults (broken chunked encoding, lying Content-Length, a body sent too slowly).
/// </summary>
internal static class MalformedRequests
{
    public sealed record Case(string Class, string Name, string Path, byte[] Body);

    /// <param name="ClientHangsUp">The client closes its side mid-body: Kestrel then treats the request as abandoned and
    /// may send nothing, which is right (no one is left to read it); any answer it does send must still not be a 5xx.</param>
    public sealed record RawCase(string Class, string Name, byte[] Request, TimeSpan PauseBeforeClose, bool HalfClose, bool ClientHangsUp = false);

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static byte[] Join(params object[] parts) =>
        parts.SelectMany(p => p as byte[] ?? Utf8((string)p)).ToArray();

    private const string User = "{\"role\":\"user\",\"content\":\"hi\"}";

    public static IEnumerable<Case> JsonCases()
    {
        const string chat = "/v1/chat/completions", embeddings = "/v1/embeddings";
        foreach (var body in new[] { "", "{", "}", "[", "null", "1", "\"x\"", "{\"messages\":", "{'messages':[]}", "{\"messages\":[" + User + "]",
                     "{\"messages\":[" + User + "]} trailing", "{\"messages\":[" + User + "],\"max_tokens\":NaN}", "{\"messages\":[" + User + "]}/*c*/",
                     new string('[', 5000) + new string(']', 5000), "{\"messages\":[" + User + "],}", "\uFEFF{\"messages\":[]}" })
        {
            yield return new("syntax", $"chat:{Shorten(body)}", chat, Utf8(body));
            yield return new("syntax", $"embeddings:{Shorten(body)}", embeddings, Utf8(body));
        }

        byte[][] badUtf8 = [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82], [0x80]];
        foreach (var stream in new[] { false, true })
            foreach (var bad in badUtf8)
            {
                var s = stream ? "true" : "false";
                var hex = Convert.ToHexString(bad);
                yield return new("invalid-utf8", $"role {hex} stream={s}", chat, Join("{\"stream\":", s, ",\"messages\":[{\"role\":\"us", bad, "er\",\"content\":\"hi\"}]}"));
                yield return new("invalid-utf8", $"content {hex} stream={s}", chat, Join("{\"stream\":", s, ",\"messages\":[{\"role\":\"user\",\"content\":\"h", bad, "i\"}]}"));
                yield return new("invalid-utf8", $"part {hex} stream={s}", chat, Join("{\"stream\":", s, ",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"", bad, "\"}]}]}"));
                yield return new("invalid-utf8", $"stop {hex} stream={s}", chat, Join("{\"stream\":", s, ",\"stop\":\"", bad, "\",\"messages\":[", User, "]}"));
                yield return new("invalid-utf8", $"model {hex} stream={s}", chat, Join("{\"stream\":", s, ",\"model\":\"", bad, "\",\"messages\":[", User, "]}"));
                yield return new("invalid-utf8", $"key {hex} stream={s}", chat, Join("{\"stream\":", s, ",\"", bad, "\":1,\"messages\":[", User, "]}"));
                if (!stream) yield return new("invalid-utf8", $"embedding input {hex}", embeddings, Join("{\"input\":\"a", bad, "b\"}"));
            }

        string[] surrogates = ["\\ud800", "\\udfff", "\\ud800\\ud800", "\\udc00x", "a\\ud83d"];
        foreach (var stream in new[] { "false", "true" })
            foreach (var lone in surrogates)
            {
                yield return new("lone-surrogate", $"role {lone} stream={stream}", chat, Utf8($"{{\"stream\":{stream},\"messages\":[{{\"role\":\"{lone}\",\"content\":\"hi\"}}]}}"));
                yield return new("lone-surrogate", $"content {lone} stream={stream}", chat, Utf8($"{{\"stream\":{stream},\"messages\":[{{\"role\":\"user\",\"content\":\"{lone}\"}}]}}"));
                yield return new("lone-surrogate", $"part {lone} stream={stream}", chat, Utf8($"{{\"stream\":{stream},\"messages\":[{{\"role\":\"user\",\"content\":[{{\"type\":\"text\",\"text\":\"{lone}\"}}]}}]}}"));
                yield return new("lone-surrogate", $"type {lone} stream={stream}", chat, Utf8($"{{\"stream\":{stream},\"messages\":[{{\"role\":\"user\",\"content\":[{{\"type\":\"{lone}\",\"text\":\"x\"}}]}}]}}"));
                yield return new("lone-surrogate", $"stop {lone} stream={stream}", chat, Utf8($"{{\"stream\":{stream},\"stop\":[\"{lone}\"],\"messages\":[{User}]}}"));
                if (stream == "false") yield return new("lone-surrogate", $"embedding input {lone}", embeddings, Utf8($"{{\"input\":[\"{lone}\"]}}"));
            }

        string[] typeFaults =
        [
            "\"messages\":{}", "\"messages\":\"x\"", "\"messages\":1", "\"messages\":[]", "\"messages\":[1]", "\"messages\":[null]", "\"messages\":[[]]",
            "\"messages\":[{\"role\":1,\"content\":\"x\"}]", "\"messages\":[{\"role\":null,\"content\":\"x\"}]", "\"messages\":[{\"role\":true}]",
            "\"messages\":[{\"role\":{},\"content\":\"x\"}]", "\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]", "\"messages\":[{\"content\":\"x\"}]",
            "\"messages\":[{\"role\":\"user\",\"content\":1}]", "\"messages\":[{\"role\":\"user\",\"content\":true}]", "\"messages\":[{\"role\":\"user\",\"content\":{}}]",
            "\"messages\":[{\"role\":\"user\",\"content\":[1]}]", "\"messages\":[{\"role\":\"user\",\"content\":[{}]}]",
            "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":1,\"text\":\"x\"}]}]", "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":{},\"text\":\"x\"}]}]",
            "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":[\"text\"],\"text\":\"x\"}]}]", "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":null,\"text\":\"x\"}]}]",
            "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]", "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":1}]}]",
            "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}}]}]",
            $"\"messages\":[{User}],\"stop\":1", $"\"messages\":[{User}],\"stop\":[1]", $"\"messages\":[{User}],\"stop\":{{}}",
            $"\"messages\":[{User}],\"stream_options\":{{\"include_usage\":\"yes\"}}", $"\"messages\":[{User}],\"response_format\":{{\"type\":\"xml\"}}",
            $"\"messages\":[{User}],\"tools\":[{{\"type\":\"function\"}}]", $"\"messages\":[{User}],\"n\":2", $"\"messages\":[{User}],\"n\":\"2\"",
        ];
        string[] numberFaults =
        [
            "\"max_tokens\":0", "\"max_tokens\":-1", "\"max_tokens\":2147483637", "\"max_tokens\":2147483647", "\"max_tokens\":2147483648",
            "\"max_tokens\":1e308", "\"max_tokens\":-1e308", "\"max_tokens\":1.5", "\"max_tokens\":\"10\"", "\"max_tokens\":99999999999999999999999",
            "\"max_completion_tokens\":0", "\"max_completion_tokens\":2147483647", "\"temperature\":-0.1", "\"temperature\":2.1", "\"temperature\":1e308",
            "\"temperature\":\"hot\"", "\"top_p\":5", "\"top_p\":-1", "\"top_k\":-1", "\"top_k\":1e10", "\"seed\":1e30", "\"seed\":1.5",
            "\"frequency_penalty\":3", "\"presence_penalty\":-3", "\"n\":0",
        ];
        foreach (var stream in new[] { "false", "true" })
        {
            foreach (var fault in typeFaults)
                yield return new("wrong-type", $"{fault} stream={stream}", chat, Utf8($"{{\"stream\":{stream},{fault}}}"));
            foreach (var fault in numberFaults)
                yield return new("number-range", $"{fault} stream={stream}", chat, Utf8($"{{\"stream\":{stream},\"messages\":[{User}],{fault}}}"));
            yield return new("wrong-type", $"stream=\"{stream}\"", chat, Utf8($"{{\"stream\":\"{stream}\",\"messages\":[{User}]}}"));
        }

        foreach (var input in new[] { "1", "[]", "[1]", "{}", "null", "[\"a\",2]", "[[1,2]]", "true" })
            yield return new("embeddings", $"input {input}", embeddings, Utf8($"{{\"input\":{input}}}"));
        yield return new("embeddings", "no input", embeddings, Utf8("{\"model\":\"x\"}"));
        yield return new("embeddings", "encoding hex", embeddings, Utf8("{\"input\":\"a\",\"encoding_format\":\"hex\"}"));
        yield return new("embeddings", "2049 inputs", embeddings, Utf8("{\"input\":[" + string.Join(',', Enumerable.Repeat("\"a\"", 2049)) + "]}"));
        yield return new("size", "body over the limit", chat, Utf8($"{{\"messages\":[{{\"role\":\"user\",\"content\":\"{new string('x', 200_000)}\"}}]}}"));
        yield return new("route", "unknown path", "/v1/completions-nope", Utf8($"{{\"messages\":[{User}]}}"));
    }

    public static IEnumerable<RawCase> RawCases()
    {
        const string head = "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n";
        var body = $"{{\"messages\":[{User}]}}";
        RawCase Raw(string cls, string name, string text, double pause = 0.3, bool halfClose = true, bool hangsUp = false) =>
            new(cls, name, Encoding.Latin1.GetBytes(text), TimeSpan.FromSeconds(pause), halfClose, hangsUp);

        yield return Raw("chunked", "size not hex", head + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + body + "\r\n0\r\n\r\n");
        yield return Raw("chunked", "size overflows", head + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\n" + body + "\r\n0\r\n\r\n");
        yield return Raw("chunked", "data longer than size", head + "Transfer-Encoding: chunked\r\n\r\n4\r\n" + body + "\r\n0\r\n\r\n");
        yield return Raw("chunked", "missing CRLF after data", head + $"Transfer-Encoding: chunked\r\n\r\n{body.Length:x}\r\n" + body + "0\r\n\r\n");
        yield return Raw("chunked", "truncated, then closed", head + $"Transfer-Encoding: chunked\r\n\r\n{body.Length:x}\r\n" + body[..10], hangsUp: true);
        yield return Raw("chunked", "no terminating chunk", head + $"Transfer-Encoding: chunked\r\n\r\n{body.Length:x}\r\n" + body + "\r\n", hangsUp: true);
        yield return Raw("chunked", "bad extension", head + $"Transfer-Encoding: chunked\r\n\r\n{body.Length:x};\u0001=\u0002\r\n" + body + "\r\n0\r\n\r\n");
        yield return Raw("chunked", "invalid UTF-8 inside a chunk", head + "Transfer-Encoding: chunked\r\n\r\n6\r\n{\"m\":\u00ff\r\n0\r\n\r\n");
        yield return Raw("framing", "both Content-Length and chunked", head + $"Content-Length: {body.Length}\r\nTransfer-Encoding: chunked\r\n\r\n{body.Length:x}\r\n" + body + "\r\n0\r\n\r\n");
        yield return Raw("framing", "Content-Length not a number", head + "Content-Length: lots\r\n\r\n" + body);
        yield return Raw("framing", "Content-Length negative", head + "Content-Length: -5\r\n\r\n" + body);
        yield return Raw("framing", "body shorter than Content-Length, then closed", head + $"Content-Length: {body.Length + 50}\r\n\r\n" + body, hangsUp: true);
        yield return Raw("framing", "header without a colon", head + "NotAHeader\r\nContent-Length: 2\r\n\r\n{}");
        yield return Raw("framing", "no Host", $"POST /v1/chat/completions HTTP/1.1\r\nContent-Length: {body.Length}\r\n\r\n" + body);
        yield return Raw("framing", "garbage request line", "HELLO WORLD\r\n\r\n");
        yield return Raw("framing", "unsupported transfer coding", head + "Transfer-Encoding: gzip\r\n\r\n" + body);
        yield return Raw("slow-body", "8 bytes, then nothing for 7 s", head + $"Content-Length: {body.Length}\r\n\r\n" + body[..8], pause: 7, halfClose: false);
    }

    private static string Shorten(string s) => s.Length <= 24 ? s : s[..24] + "…";
}
