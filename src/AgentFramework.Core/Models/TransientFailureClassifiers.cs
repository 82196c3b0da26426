using AgentFramework.Errors;
using AgentFramework.Registration;

namespace AgentFramework.Models;

/// <summary>
/// The registered <see cref="ITransientFailureClassifier"/>s, asked newest first; the first with a verdict decides.
/// Built in: <see cref="NetworkFailureClassifier"/>. Two verdicts are fixed before any classifier is asked: a
/// <see cref="UserInputException"/> is final, and a cancellation is transient only when the caller did not ask for it.
/// A failure no classifier knows is final. A DI container has its own registry
/// (<see cref="TransientFailureServiceCollectionExtensions.AddTransientFailureClassifier{TClassifier}"/>); code without
/// one uses <see cref="Default"/>.
/// </summary>
public sealed class TransientFailureClassifiers
{
    private readonly RegistrationList<ITransientFailureClassifier> _classifiers;

    public TransientFailureClassifiers(IEnumerable<ITransientFailureClassifier> classifiers) => _classifiers = new(classifiers);

    /// <summary>The registry of callers without a DI container: the built-in classifier plus whatever is registered on it.</summary>
    public static TransientFailureClassifiers Default { get; } = new(BuiltIn());

    /// <summary>New instances of the built-in classifiers, in registration order.</summary>
    public static IReadOnlyList<ITransientFailureClassifier> BuiltIn() => [new NetworkFailureClassifier()];

    /// <summary>The classifiers in registration order.</summary>
    public IReadOnlyList<ITransientFailureClassifier> Classifiers => _classifiers.Items;

    /// <summary>Adds a classifier; it is asked before every classifier registered earlier.</summary>
    public TransientFailureClassifiers Register(ITransientFailureClassifier classifier)
    {
        _classifiers.Add(classifier);
        return this;
    }

    /// <summary>Whether retrying <paramref name="failure"/> may succeed. <paramref name="backend"/> (the classifier the
    /// backend's client offers, if any) is asked after the registered ones.</summary>
    public bool IsTransient(Exception failure, CancellationToken callerToken = default, ITransientFailureClassifier? backend = null)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (failure is UserInputException) return false;
        if (failure is OperationCanceledException) return !callerToken.IsCancellationRequested;
        foreach (var classifier in Asked(backend))
            if (classifier.IsTransient(failure) is { } verdict) return verdict;
        return false;
    }

    /// <summary>The wait the failure asks for (the first classifier that names one), or null.</summary>
    public TimeSpan? RetryAfter(Exception failure, DateTimeOffset now, ITransientFailureClassifier? backend = null)
    {
        ArgumentNullException.ThrowIfNull(failure);
        foreach (var classifier in Asked(backend))
            if (classifier.RetryAfter(failure, now) is { } wait) return wait;
        return null;
    }

    private IEnumerable<ITransientFailureClassifier> Asked(ITransientFailureClassifier? backend) =>
        backend is null ? _classifiers.NewestFirst : _classifiers.NewestFirst.Append(backend);
}
