namespace Loci.Tests.Xtr;

/// <summary>Bounded waits and counter comparisons of the two-site tests.</summary>
internal static class XtrAssert
{
    /// <summary>Longest wait for anything that should happen: a loopback exchange takes milliseconds.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Polls <paramref name="condition"/> with a short sleep (not a spin: the roles' threads need the
    /// machine's two cores) until it holds or <paramref name="wait"/> (default <see cref="Wait"/>) passes.
    /// </summary>
    public static async Task<bool> Eventually(Func<bool> condition, TimeSpan? wait = null)
    {
        var deadline = DateTime.UtcNow + (wait ?? Wait);
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                return condition();
            }

            await Task.Delay(PollInterval);
        }

        return true;
    }

    /// <summary>The task's result, or a failure carrying <paramref name="describe"/>'s text when it does not complete within <see cref="Wait"/>.</summary>
    public static async Task<T> Within<T>(Task<T> task, Func<string> describe)
    {
        var finished = await Task.WhenAny(task, Task.Delay(Wait));
        Assert.True(finished == task, $"no result within {Wait}:{Environment.NewLine}{describe()}");
        return await task;
    }

    /// <summary>Compares a set of enum-named counters at once, so a failure shows all of them.</summary>
    public static void Counters<TCounter>(string role, Func<TCounter, long> read, params (TCounter Counter, long Expected)[] expected)
        where TCounter : struct, Enum =>
        Assert.Equal(
            $"{role}: {string.Join(", ", expected.Select(e => $"{e.Counter}={e.Expected}"))}",
            $"{role}: {string.Join(", ", expected.Select(e => $"{e.Counter}={read(e.Counter)}"))}");

    /// <summary>The same for counters published by name (Map-Server, ETR).</summary>
    public static void Counters(string role, IReadOnlyDictionary<string, long> actual, params (string Counter, long Expected)[] expected) =>
        Assert.Equal(
            $"{role}: {string.Join(", ", expected.Select(e => $"{e.Counter}={e.Expected}"))}",
            $"{role}: {string.Join(", ", expected.Select(e => $"{e.Counter}={actual[e.Counter]}"))}");
}
