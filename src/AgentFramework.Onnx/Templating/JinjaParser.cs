using System.Globalization;

namespace AgentFramework.Onnx.Templating;

/// <summary>
/// Parses lexed pieces into statements and expressions with Jinja2's grammar and precedence (pallets/jinja parser.py):
/// conditional expression, or, and, not, comparisons, + -, ~, * / // %, **, unary minus, then postfix (attribute,
/// subscript, slice, call) with filters (|) and tests (is) binding tighter than any operator.
/// </summary>
internal sealed class JinjaParser
{
    private readonly List<Piece> _pieces;
    private int _piece;

    private JinjaParser(List<Piece> pieces) => _pieces = pieces;

    public static IReadOnlyList<Node> Parse(string source) => new JinjaParser(JinjaLexer.Lex(source)).ParseBody([]).Body;

    // Parses until a statement whose first word is in endWords; returns that statement's tokens (null at end of input).
    private (List<Node> Body, ExpressionReader? End) ParseBody(string[] endWords)
    {
        var body = new List<Node>();
        while (_piece < _pieces.Count)
        {
            var piece = _pieces[_piece++];
            switch (piece.Kind)
            {
                case PieceKind.Text: body.Add(new TextNode(piece.Text)); break;
                case PieceKind.Output:
                {
                    var reader = new ExpressionReader(piece.Tokens, piece.Line);
                    body.Add(new OutputNode(reader.ParseExpression()));
                    reader.ExpectEnd();
                    break;
                }
                default:
                {
                    var reader = new ExpressionReader(piece.Tokens, piece.Line);
                    var word = reader.ExpectName();
                    if (endWords.Contains(word)) return (body, reader);
                    body.Add(ParseStatement(word, reader));
                    break;
                }
            }
        }
        if (endWords.Length > 0) throw new JinjaException($"template ended before {{% {endWords[^1]} %}}");
        return (body, null);
    }

    private Node ParseStatement(string word, ExpressionReader r)
    {
        switch (word)
        {
            case "if":
            {
                var branches = new List<(Expr, IReadOnlyList<Node>)>();
                var test = r.ParseExpression(); r.ExpectEnd();
                while (true)
                {
                    var (body, end) = ParseBody(["elif", "else", "endif"]);
                    branches.Add((test, body));
                    var endWord = end!.Previous;
                    if (endWord == "elif") { test = end.ParseExpression(); end.ExpectEnd(); continue; }
                    if (endWord == "else")
                    {
                        end.ExpectEnd();
                        var (elseBody, _) = ParseBody(["endif"]);
                        return new IfNode(branches, elseBody);
                    }
                    return new IfNode(branches, []);
                }
            }
            case "for":
            {
                var targets = new List<string> { r.ExpectName() };
                while (r.Accept(",")) targets.Add(r.ExpectName());
                r.ExpectName("in");
                var iterable = r.ParseExpression(allowConditional: false);
                Expr? filter = r.AcceptName("if") ? r.ParseExpression() : null;
                r.AcceptName("recursive");
                r.ExpectEnd();
                var (body, end) = ParseBody(["else", "endfor"]);
                IReadOnlyList<Node> elseBody = [];
                if (end!.Previous == "else") { end.ExpectEnd(); elseBody = ParseBody(["endfor"]).Body; }
                return new ForNode(targets, iterable, filter, body, elseBody);
            }
            case "set":
            {
                var targets = new List<string> { r.ExpectName() };
                string? attribute = null;
                if (r.Accept(".")) attribute = r.ExpectName();
                else while (r.Accept(",")) targets.Add(r.ExpectName());
                if (!r.Accept("="))
                {
                    r.ExpectEnd();
                    return new SetBlockNode(targets[0], ParseBody(["endset"]).Body);
                }
                var value = r.ParseTuple();
                r.ExpectEnd();
                return new SetNode(targets, attribute, value);
            }
            case "macro":
            {
                var name = r.ExpectName();
                var parameters = new List<(string, Expr?)>();
                r.Expect("(");
                while (!r.Accept(")"))
                {
                    var p = r.ExpectName();
                    parameters.Add((p, r.Accept("=") ? r.ParseExpression() : null));
                    if (!r.Accept(",")) { r.Expect(")"); break; }
                }
                r.ExpectEnd();
                return new MacroNode(name, parameters, ParseBody(["endmacro"]).Body);
            }
            case "break": r.ExpectEnd(); return new BreakNode();
            case "continue": r.ExpectEnd(); return new ContinueNode();
            case "generation": r.ExpectEnd(); return new BlockNode(ParseBody(["endgeneration"]).Body, null);
            case "filter":
            {
                var filter = r.ExpectName(); r.ExpectEnd();
                return new BlockNode(ParseBody(["endfilter"]).Body, filter);
            }
            default: throw new JinjaException($"line {r.Line}: unknown statement {{% {word} %}}");
        }
    }
}

/// <summary>Reads one tag's tokens as an expression.</summary>
internal sealed class ExpressionReader(IReadOnlyList<Token> tokens, int line)
{
    private int _i;

    public int Line { get; } = line;

    /// <summary>The last name read by <see cref="ExpectName(string?)"/>.</summary>
    public string Previous { get; private set; } = "";

    private Token? Peek(int ahead = 0) => _i + ahead < tokens.Count ? tokens[_i + ahead] : null;

    private bool IsOp(string op, int ahead = 0) => Peek(ahead) is { Kind: TokenKind.Operator } t && t.Value == op;

    private bool IsName(string name, int ahead = 0) => Peek(ahead) is { Kind: TokenKind.Name } t && t.Value == name;

    public bool Accept(string op) { if (!IsOp(op)) return false; _i++; return true; }

    public bool AcceptName(string name) { if (!IsName(name)) return false; _i++; return true; }

    public void Expect(string op) { if (!Accept(op)) throw Error($"expected '{op}'"); }

    public string ExpectName(string? name = null)
    {
        if (Peek() is not { Kind: TokenKind.Name } t || (name is not null && t.Value != name)) throw Error($"expected {name ?? "a name"}");
        _i++;
        return Previous = t.Value;
    }

    public void ExpectEnd() { if (_i < tokens.Count) throw Error($"unexpected '{tokens[_i].Value}'"); }

    private JinjaException Error(string what) => new($"line {Peek()?.Line ?? Line}: {what}{(Peek() is { } t ? $" near '{t.Value}'" : " at end of tag")}");

    /// <summary>An expression, or a bare tuple (a, b) as in {% set a = 1, 2 %}.</summary>
    public Expr ParseTuple()
    {
        var first = ParseExpression();
        if (!IsOp(",")) return first;
        var items = new List<Expr> { first };
        while (Accept(",") && Peek() is not null) items.Add(ParseExpression());
        return new ListExpr(items, Line, IsTuple: true);
    }

    public Expr ParseExpression(bool allowConditional = true)
    {
        var expr = ParseOr();
        while (allowConditional && AcceptName("if"))
        {
            var test = ParseOr();
            Expr? otherwise = AcceptName("else") ? ParseExpression() : null;
            expr = new ConditionalExpr(test, expr, otherwise, Line);
        }
        return expr;
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (AcceptName("or")) left = new BinaryExpr("or", left, ParseAnd(), Line);
        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (AcceptName("and")) left = new BinaryExpr("and", left, ParseNot(), Line);
        return left;
    }

    private Expr ParseNot() => AcceptName("not") ? new UnaryExpr("not", ParseNot(), Line) : ParseCompare();

    private Expr ParseCompare()
    {
        var left = ParseAdd();
        while (true)
        {
            string? op = Peek() is { Kind: TokenKind.Operator, Value: "==" or "!=" or "<" or ">" or "<=" or ">=" } t ? t.Value : null;
            if (op is not null) { _i++; left = new BinaryExpr(op, left, ParseAdd(), Line); }
            else if (AcceptName("in")) left = new BinaryExpr("in", left, ParseAdd(), Line);
            else if (IsName("not") && IsName("in", 1)) { _i += 2; left = new BinaryExpr("not in", left, ParseAdd(), Line); }
            else return left;
        }
    }

    private Expr ParseAdd()
    {
        var left = ParseConcat();
        while (Peek() is { Kind: TokenKind.Operator, Value: "+" or "-" } t) { _i++; left = new BinaryExpr(t.Value, left, ParseConcat(), Line); }
        return left;
    }

    private Expr ParseConcat()
    {
        var left = ParseMultiply();
        while (Accept("~")) left = new BinaryExpr("~", left, ParseMultiply(), Line);
        return left;
    }

    private Expr ParseMultiply()
    {
        var left = ParsePower();
        while (Peek() is { Kind: TokenKind.Operator, Value: "*" or "/" or "//" or "%" } t) { _i++; left = new BinaryExpr(t.Value, left, ParsePower(), Line); }
        return left;
    }

    private Expr ParsePower()
    {
        var left = ParseUnary(withFilters: true);
        while (Accept("**")) left = new BinaryExpr("**", left, ParseUnary(withFilters: true), Line);
        return left;
    }

    private Expr ParseUnary(bool withFilters)
    {
        Expr node;
        if (Accept("-")) node = new UnaryExpr("-", ParseUnary(withFilters: false), Line);
        else if (Accept("+")) node = ParseUnary(withFilters: false);
        else node = ParsePostfix(ParsePrimary());
        return withFilters ? ParseFiltersAndTests(node) : node;
    }

    private Expr ParsePrimary()
    {
        var t = Peek() ?? throw Error("expected an expression");
        _i++;
        switch (t.Kind)
        {
            case TokenKind.String:
            {
                var text = t.Value;
                while (Peek() is { Kind: TokenKind.String } next) { text += next.Value; _i++; }
                return new LiteralExpr(new TrackedString(text), t.Line);
            }
            case TokenKind.Integer: return new LiteralExpr(long.Parse(t.Value, CultureInfo.InvariantCulture), t.Line);
            case TokenKind.Float: return new LiteralExpr(double.Parse(t.Value, CultureInfo.InvariantCulture), t.Line);
            case TokenKind.Name:
                return t.Value switch
                {
                    "true" or "True" => new LiteralExpr(true, t.Line),
                    "false" or "False" => new LiteralExpr(false, t.Line),
                    "none" or "None" => new LiteralExpr(null, t.Line),
                    _ => new NameExpr(t.Value, t.Line),
                };
        }
        switch (t.Value)
        {
            case "(":
            {
                if (Accept(")")) return new ListExpr([], t.Line, IsTuple: true);
                var inner = ParseExpression();
                if (!IsOp(",")) { Expect(")"); return inner; }
                var items = new List<Expr> { inner };
                while (Accept(",") && !IsOp(")")) items.Add(ParseExpression());
                Expect(")");
                return new ListExpr(items, t.Line, IsTuple: true);
            }
            case "[":
            {
                var items = new List<Expr>();
                while (!Accept("]")) { items.Add(ParseExpression()); if (!Accept(",")) { Expect("]"); break; } }
                return new ListExpr(items, t.Line);
            }
            case "{":
            {
                var items = new List<(Expr, Expr)>();
                while (!Accept("}"))
                {
                    var key = ParseExpression(); Expect(":");
                    items.Add((key, ParseExpression()));
                    if (!Accept(",")) { Expect("}"); break; }
                }
                return new DictExpr(items, t.Line);
            }
        }
        _i--;
        throw Error("expected an expression");
    }

    private Expr ParsePostfix(Expr node)
    {
        while (true)
        {
            if (Accept("."))
            {
                var t = Peek() ?? throw Error("expected an attribute name");
                _i++;
                node = t.Kind == TokenKind.Integer ? new ItemExpr(node, new LiteralExpr(long.Parse(t.Value, CultureInfo.InvariantCulture), t.Line), t.Line)
                    : new AttributeExpr(node, t.Value, t.Line);
            }
            else if (Accept("[")) node = ParseSubscript(node);
            else if (IsOp("(")) { var (args, kwargs) = ParseCallArguments(); node = new CallExpr(node, args, kwargs, Line); }
            else return node;
        }
    }

    private Expr ParseSubscript(Expr target)
    {
        Expr? start = null, stop = null, step = null;
        if (!IsOp(":")) start = ParseExpression();
        if (!Accept(":")) { Expect("]"); return new ItemExpr(target, start!, Line); }
        if (!IsOp(":") && !IsOp("]")) stop = ParseExpression();
        if (Accept(":") && !IsOp("]")) step = ParseExpression();
        Expect("]");
        return new SliceExpr(target, start, stop, step, Line);
    }

    private (List<Expr>, List<(string, Expr)>) ParseCallArguments()
    {
        Expect("(");
        var args = new List<Expr>();
        var kwargs = new List<(string, Expr)>();
        while (!Accept(")"))
        {
            if (Peek() is { Kind: TokenKind.Name } n && IsOp("=", 1)) { _i += 2; kwargs.Add((n.Value, ParseExpression())); }
            else args.Add(ParseExpression());
            if (!Accept(",")) { Expect(")"); break; }
        }
        return (args, kwargs);
    }

    private Expr ParseFiltersAndTests(Expr node)
    {
        while (true)
        {
            if (Accept("|"))
            {
                var name = ExpectName();
                while (Accept(".")) name += "." + ExpectName();
                var (args, kwargs) = IsOp("(") ? ParseCallArguments() : ([], []);
                node = new FilterExpr(node, name, args, kwargs, Line);
            }
            else if (AcceptName("is"))
            {
                bool negated = AcceptName("not");
                var name = Peek() is { Kind: TokenKind.Name or TokenKind.Operator } t && t.Value is not "(" ? t.Value : throw Error("expected a test name");
                _i++;
                if (name is "none" or "true" or "false") name = name.ToLowerInvariant();
                var args = new List<Expr>();
                if (IsOp("(")) args = ParseCallArguments().Item1;
                else if (Peek() is { } arg && (arg.Kind is TokenKind.String or TokenKind.Integer or TokenKind.Float || (arg.Kind == TokenKind.Name && arg.Value is not ("and" or "or" or "else" or "if" or "not" or "in" or "is"))))
                    args.Add(ParsePostfix(ParsePrimary()));
                node = new TestExpr(node, name, args, negated, Line);
            }
            else return node;
        }
    }
}
