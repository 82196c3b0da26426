using AgentFramework.Cli.Serving;

namespace AgentFramework.Tests.Serving;

public class ModelGateTests
{
    [Fact]
    public async Task Admits_one_running_plus_max_waiting_and_refuses_the_rest()
    {
        var ct = TestContext.Current.CancellationToken;
        var gate = new ModelGate(maxWaiting: 2);
        var running = await gate.EnterAsync(ct);
        Assert.NotNull(running);
        var waiting1 = gate.EnterAsync(ct);
        var waiting2 = gate.EnterAsync(ct);
        Assert.Null(await gate.EnterAsync(ct));
        Assert.Equal(3, gate.Admitted);
        Assert.False(waiting1.IsCompleted);

        running!.Dispose();
        var second = await waiting1;
        Assert.NotNull(second);
        Assert.Equal(2, gate.Admitted); // the second runs, the third waits: one place in line is free again
        var fourth = gate.EnterAsync(ct);
        Assert.Null(await gate.EnterAsync(ct));

        second!.Dispose();
        (await waiting2)!.Dispose();
        (await fourth)!.Dispose();
        Assert.Equal(0, gate.Admitted);
        Assert.False(gate.IsBusy);
    }

    [Fact]
    public async Task A_waiter_that_gives_up_leaves_the_line()
    {
        var gate = new ModelGate(maxWaiting: 1);
        var running = await gate.EnterAsync(TestContext.Current.CancellationToken);
        using var cts = new CancellationTokenSource();
        var waiter = gate.EnterAsync(cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter);
        Assert.Equal(1, gate.Admitted);
        var again = gate.EnterAsync(TestContext.Current.CancellationToken); // there is room in line again
        Assert.False(again.IsCompleted);
        running!.Dispose();
        (await again)!.Dispose();
    }

    [Fact]
    public async Task Disposing_a_lease_twice_frees_the_model_once()
    {
        var gate = new ModelGate(maxWaiting: 0);
        var lease = await gate.EnterAsync(TestContext.Current.CancellationToken);
        lease!.Dispose();
        lease.Dispose();
        Assert.Equal(0, gate.Admitted);
        using var again = await gate.EnterAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(again);
        Assert.Null(await gate.EnterAsync(TestContext.Current.CancellationToken));
    }
}
