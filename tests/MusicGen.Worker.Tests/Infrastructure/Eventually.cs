namespace MusicGen.Worker.Tests.Infrastructure;

/// <summary>Polls a condition that becomes true through other processes' work; the timeout is generous on purpose.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, Func<string>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout} waiting for: {what}\n{diagnostics?.Invoke()}");
            }

            await Task.Delay(100);
        }
    }
}
