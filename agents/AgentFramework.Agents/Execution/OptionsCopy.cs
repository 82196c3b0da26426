using System.Diagnostics.CodeAnalysis;

namespace AgentFramework.Agents.Execution;

/// <summary>Copies an options object's settable public properties onto another of the same type (the AgentFrameworkOptions shortcuts).</summary>
internal static class OptionsCopy
{
    public static void Into<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(T from, T to) where T : class
    {
        if (ReferenceEquals(from, to)) return;
        foreach (var property in typeof(T).GetProperties())
            if (property.CanRead && property.CanWrite && property.GetIndexParameters().Length == 0)
                property.SetValue(to, property.GetValue(from));
    }
}
