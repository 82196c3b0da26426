using System.Globalization;
using System.Text;

namespace AgentFramework.Onnx.Templating;

internal enum TokenKind { Name, String, Integer, Float, Operator }

internal sealed record Token(TokenKind Kind, string Value, int Line);

internal enum PieceKind { Text, Output, Statement }

/// <summary>One piece of template source: literal text, an {{ output }} or a {% statement %} with its tokens.</summary>
internal sealed record Piece(PieceKind Kind, string Text, IReadOnlyList<Token> Tokens, int Line);

/// <summary>
/// Splits template source into text, {{ }} and {% %} pieces ({# #} comments dropped) and applies Jinja's whitespace
/// rules with transformers' settings: trim_blocks (first newline after a block tag or comment removed), lstrip_blocks
/// (spaces and tabs before a block tag or comment at the start of a line removed, unless the tag opens with '+'), and
/// '-' on either side of a tag stripping all whitespace there. Semantics follow Jinja2's lexer (pallets/jinja).
/// </summary>
internal static class JinjaLexer
{
    private sealed class RawPiece
    {
        public PieceKind Kind;
        public bool IsComment;
        public string Text = "";
        public List<Token> Tokens = [];
        public bool StripBefore, StripAfter, KeepBefore;
        public int Line;
    }

    public static List<Piece> Lex(string source, bool trimBlocks = true, bool lstripBlocks = true)
    {
        source = source.Replace("\r\n", "\n", StringComparison.Ordinal);
        var raw = new List<RawPiece>();
        int pos = 0, line = 1;
        while (pos < source.Length)
        {
            int open = IndexOfTagStart(source, pos);
            if (open < 0) { raw.Add(new RawPiece { Kind = PieceKind.Text, Text = source[pos..], Line = line }); break; }
            if (open > pos) raw.Add(new RawPiece { Kind = PieceKind.Text, Text = source[pos..open], Line = line });
            line += Count(source, pos, open, '\n');
            char kind = source[open + 1];
            int i = open + 2;
            var piece = new RawPiece { Line = line };
            if (i < source.Length && source[i] == '-') { piece.StripBefore = true; i++; }
            else if (i < source.Length && source[i] == '+') { piece.KeepBefore = true; i++; }
            if (kind == '#')
            {
                int close = source.IndexOf("#}", i, StringComparison.Ordinal);
                if (close < 0) throw new JinjaException($"line {line}: comment not closed with #}}");
                piece.IsComment = true;
                piece.Kind = PieceKind.Statement;
                piece.StripAfter = close > i && source[close - 1] == '-';
                pos = close + 2;
            }
            else
            {
                piece.Kind = kind == '{' ? PieceKind.Output : PieceKind.Statement;
                (piece.Tokens, pos, piece.StripAfter) = Tokenize(source, i, kind == '{' ? "}}" : "%}", line);
                if (piece.Kind == PieceKind.Statement && piece.Tokens is [{ Value: "raw" }])
                {
                    raw.Add(piece);
                    pos = ReadRaw(source, pos, raw, line);
                    line += Count(source, open, pos, '\n');
                    continue;
                }
            }
            line += Count(source, open, pos, '\n');
            raw.Add(piece);
        }
        return ApplyWhitespaceRules(raw, trimBlocks, lstripBlocks);
    }

    // {% raw %} ... {% endraw %}: the text in between is literal.
    private static int ReadRaw(string source, int pos, List<RawPiece> raw, int line)
    {
        int search = pos;
        while (true)
        {
            int open = source.IndexOf("{%", search, StringComparison.Ordinal);
            if (open < 0) throw new JinjaException($"line {line}: {{% raw %}} without {{% endraw %}}");
            int i = open + 2;
            bool stripBefore = i < source.Length && source[i] == '-';
            if (stripBefore || (i < source.Length && source[i] == '+')) i++;
            var (tokens, end, stripAfter) = Tokenize(source, i, "%}", line);
            if (tokens is [{ Value: "endraw" }])
            {
                raw.Add(new RawPiece { Kind = PieceKind.Text, Text = source[pos..open], Line = line });
                raw.Add(new RawPiece { Kind = PieceKind.Statement, IsComment = true, StripBefore = stripBefore, StripAfter = stripAfter, Line = line });
                return end;
            }
            search = end;
        }
    }

    private static int IndexOfTagStart(string s, int from)
    {
        for (int i = s.IndexOf('{', from); i >= 0 && i + 1 < s.Length; i = s.IndexOf('{', i + 1))
            if (s[i + 1] is '{' or '%' or '#') return i;
        return -1;
    }

    private static int Count(string s, int from, int to, char c)
    {
        int n = 0;
        for (int i = from; i < to && i < s.Length; i++) if (s[i] == c) n++;
        return n;
    }

    // Whitespace cuts are decided on the original text, as Jinja's regex lexer does, then applied together.
    private static List<Piece> ApplyWhitespaceRules(List<RawPiece> raw, bool trimBlocks, bool lstripBlocks)
    {
        var result = new List<Piece>();
        for (int k = 0; k < raw.Count; k++)
        {
            var p = raw[k];
            if (p.Kind != PieceKind.Text)
            {
                if (!p.IsComment) result.Add(new Piece(p.Kind, "", p.Tokens, p.Line));
                continue;
            }
            string text = p.Text;
            int start = 0, end = text.Length;
            var before = k > 0 ? raw[k - 1] : null;
            var after = k + 1 < raw.Count ? raw[k + 1] : null;
            if (before is not null && before.Kind != PieceKind.Text)
            {
                if (before.StripAfter) while (start < end && char.IsWhiteSpace(text[start])) start++;
                else if (trimBlocks && before.Kind == PieceKind.Statement && text.StartsWith('\n')) start = 1;
            }
            if (after is not null && after.Kind != PieceKind.Text)
            {
                if (after.StripBefore) while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
                else if (lstripBlocks && after.Kind == PieceKind.Statement && !after.KeepBefore)
                {
                    int lineStart = text.LastIndexOf('\n') + 1;
                    bool atLineStart = lineStart > 0 || k == 0;
                    if (atLineStart && text.AsSpan(lineStart).IndexOfAnyExcept(' ', '\t') < 0) end = Math.Max(start, lineStart);
                }
            }
            if (end > start) result.Add(new Piece(PieceKind.Text, text[start..end], [], p.Line));
        }
        return result;
    }

    private static readonly string[] Operators = ["//", "**", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "~", "<", ">", "=", "(", ")", "[", "]", "{", "}", ",", ".", ":", "|"];

    private static (List<Token> Tokens, int End, bool StripAfter) Tokenize(string s, int i, string close, int line)
    {
        var tokens = new List<Token>();
        int depth = 0;
        while (true)
        {
            while (i < s.Length && char.IsWhiteSpace(s[i])) { if (s[i] == '\n') line++; i++; }
            if (i >= s.Length) throw new JinjaException($"line {line}: tag not closed with {close}");
            if (depth == 0)
            {
                if (s[i] == '-' && string.CompareOrdinal(s, i + 1, close, 0, 2) == 0) return (tokens, i + 3, true);
                if (string.CompareOrdinal(s, i, close, 0, 2) == 0) return (tokens, i + 2, false);
            }
            char c = s[i];
            if (char.IsLetter(c) || c == '_')
            {
                int start = i;
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_')) i++;
                tokens.Add(new Token(TokenKind.Name, s[start..i], line));
            }
            else if (char.IsDigit(c))
            {
                int start = i;
                while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '_')) i++;
                bool isFloat = i + 1 < s.Length && s[i] == '.' && char.IsDigit(s[i + 1]);
                if (isFloat) { i++; while (i < s.Length && char.IsDigit(s[i])) i++; }
                if (i < s.Length && s[i] is 'e' or 'E') { isFloat = true; i++; if (s[i] is '+' or '-') i++; while (i < s.Length && char.IsDigit(s[i])) i++; }
                tokens.Add(new Token(isFloat ? TokenKind.Float : TokenKind.Integer, s[start..i].Replace("_", "", StringComparison.Ordinal), line));
            }
            else if (c is '\'' or '"')
            {
                var (value, next) = ReadString(s, i, line);
                tokens.Add(new Token(TokenKind.String, value, line));
                i = next;
            }
            else
            {
                var op = Operators.FirstOrDefault(o => string.CompareOrdinal(s, i, o, 0, o.Length) == 0)
                    ?? throw new JinjaException($"line {line}: unexpected character '{c}'");
                if (op is "(" or "[" or "{") depth++;
                else if (op is ")" or "]" or "}") depth--;
                tokens.Add(new Token(TokenKind.Operator, op, line));
                i += op.Length;
            }
        }
    }

    // Python string literal escapes, as Jinja's lexer decodes them.
    private static (string Value, int Next) ReadString(string s, int i, int line)
    {
        char quote = s[i++];
        var b = new StringBuilder();
        while (true)
        {
            if (i >= s.Length) throw new JinjaException($"line {line}: string literal not closed");
            char c = s[i++];
            if (c == quote) return (b.ToString(), i);
            if (c != '\\' || i >= s.Length) { b.Append(c); continue; }
            char e = s[i++];
            switch (e)
            {
                case 'n': b.Append('\n'); break;
                case 't': b.Append('\t'); break;
                case 'r': b.Append('\r'); break;
                case 'a': b.Append('\a'); break;
                case 'b': b.Append('\b'); break;
                case 'f': b.Append('\f'); break;
                case 'v': b.Append('\v'); break;
                case '0': b.Append('\0'); break;
                case '\\' or '\'' or '"': b.Append(e); break;
                case '\n': break;
                case 'x' or 'u' or 'U':
                    int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + len > s.Length || !int.TryParse(s.AsSpan(i, len), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                        throw new JinjaException($"line {line}: bad \\{e} escape in a string literal");
                    b.Append(char.ConvertFromUtf32(code));
                    i += len;
                    break;
                default: b.Append('\\').Append(e); break;
            }
        }
    }
}
