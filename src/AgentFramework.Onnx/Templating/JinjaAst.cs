namespace AgentFramework.Onnx.Templating;

internal abstract record Node;

internal sealed record TextNode(string Text) : Node;

internal sealed record OutputNode(Expr Value) : Node;

internal sealed record IfNode(IReadOnlyList<(Expr Test, IReadOnlyList<Node> Body)> Branches, IReadOnlyList<Node> Else) : Node;

internal sealed record ForNode(IReadOnlyList<string> Targets, Expr Iterable, Expr? Filter, IReadOnlyList<Node> Body, IReadOnlyList<Node> Else) : Node;

/// <summary>{% set x = ... %}, {% set a, b = ... %} or {% set ns.attr = ... %}.</summary>
internal sealed record SetNode(IReadOnlyList<string> Targets, string? Attribute, Expr Value) : Node;

/// <summary>{% set x %}...{% endset %}.</summary>
internal sealed record SetBlockNode(string Target, IReadOnlyList<Node> Body) : Node;

internal sealed record MacroNode(string Name, IReadOnlyList<(string Name, Expr? Default)> Parameters, IReadOnlyList<Node> Body) : Node;

internal sealed record BreakNode : Node;

internal sealed record ContinueNode : Node;

/// <summary>A block rendered as is: transformers' {% generation %} marker, {% filter %} with its filter applied.</summary>
internal sealed record BlockNode(IReadOnlyList<Node> Body, string? Filter) : Node;

internal abstract record Expr(int Line);

internal sealed record LiteralExpr(object? Value, int Line) : Expr(Line);

internal sealed record NameExpr(string Name, int Line) : Expr(Line);

internal sealed record AttributeExpr(Expr Target, string Name, int Line) : Expr(Line);

internal sealed record ItemExpr(Expr Target, Expr Key, int Line) : Expr(Line);

internal sealed record SliceExpr(Expr Target, Expr? Start, Expr? Stop, Expr? Step, int Line) : Expr(Line);

internal sealed record CallExpr(Expr Function, IReadOnlyList<Expr> Args, IReadOnlyList<(string Name, Expr Value)> Kwargs, int Line) : Expr(Line);

internal sealed record FilterExpr(Expr Value, string Name, IReadOnlyList<Expr> Args, IReadOnlyList<(string Name, Expr Value)> Kwargs, int Line) : Expr(Line);

internal sealed record TestExpr(Expr Value, string Name, IReadOnlyList<Expr> Args, bool Negated, int Line) : Expr(Line);

internal sealed record UnaryExpr(string Operator, Expr Operand, int Line) : Expr(Line);

internal sealed record BinaryExpr(string Operator, Expr Left, Expr Right, int Line) : Expr(Line);

internal sealed record ConditionalExpr(Expr Test, Expr Then, Expr? Else, int Line) : Expr(Line);

internal sealed record ListExpr(IReadOnlyList<Expr> Items, int Line, bool IsTuple = false) : Expr(Line);

internal sealed record DictExpr(IReadOnlyList<(Expr Key, Expr Value)> Items, int Line) : Expr(Line);
