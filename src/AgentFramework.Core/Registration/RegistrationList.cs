namespace AgentFramework.Registration;

/// <summary>
/// The entries of an open registry (stores, datasets, metrics) in registration order. A registration replaces the
/// array instead of changing it, so lookups read without a lock while a host registers; later registrations are asked
/// first, so one can take over what a built-in answers to.
/// </summary>
internal sealed class RegistrationList<T> where T : class
{
    private readonly Lock _gate = new();
    private T[] _items;

    public RegistrationList(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items];
    }

    /// <summary>Every entry in registration order.</summary>
    public IReadOnlyList<T> Items => _items;

    /// <summary>The entries, the latest registration first.</summary>
    public IEnumerable<T> NewestFirst => Enumerable.Reverse(_items);

    /// <summary>Appends <paramref name="item"/>.</summary>
    public void Add(T item) => AddOrReplace(item, static _ => false);

    /// <summary>Puts <paramref name="item"/> in the place of the entry <paramref name="same"/> picks, or appends it.</summary>
    public void AddOrReplace(T item, Func<T, bool> same)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_gate)
        {
            int at = Array.FindIndex(_items, e => same(e));
            _items = at < 0 ? [.. _items, item] : [.. _items[..at], item, .. _items[(at + 1)..]];
        }
    }

    /// <summary>The latest registered entry <paramref name="match"/> accepts, or null.</summary>
    public T? Newest(Func<T, bool> match)
    {
        var items = _items;
        for (int i = items.Length - 1; i >= 0; i--)
            if (match(items[i])) return items[i];
        return null;
    }
}
