using AgentFramework.Cli.Serving;

namespace AgentFramework.Tests.Serving;

public class ModelGateAdmissionTests
{
    [Fact]
    public async Task Admission_counts_a_request_before_it_waits_and_leaving_early_frees_only_its_place()
    {
        var ct = TestContext.Current.CancellationToken;
        var gate = new ModelGate(maxWaiting: 1);
        using var running = gate.Admit()!;
        await running.WaitTurnAsync(ct);
        var queued = gate.Admit();
        Assert.NotNull(queued);
        Assert.Null(gate.Admit()); // full before any body is read
        queued!.Dispose();         // left the line without running: the model stays with the first
        Assert.True(gate.IsBusy);
        using var next = gate.Admit()!;
        var turn = next.WaitTurnAsync(ct);
        Assert.False(turn.IsCompleted);
        running.Dispose();
        await turn;
        Assert.Equal(1, gate.Admitted);
    }
}
