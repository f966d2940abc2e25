using System.Net;
using System.Net.Sockets;

namespace MusicGen.AppHost.Tests;

/// <summary>What a person gets wrong in configuration ends the AppHost with one line that says what to fix.</summary>
[Collection(AppHostCollection.Name)]
public sealed class BadConfigurationTests
{
    [Theory]
    [InlineData("ConnectionStrings__cache", "localhost:notaport", "ConnectionStrings:cache")]
    [InlineData("ConnectionStrings__musicdb", "Host=;Database", "ConnectionStrings:musicdb")]
    [InlineData("ConnectionStrings__storage", "Bucket=music", "ConnectionStrings:storage")]
    public async Task MalformedConnectionStringExitsNonZeroWithOneReadableLine(string variable, string value, string named)
    {
        await using var run = AppHostRun.Start(new Dictionary<string, string?> { [variable] = value });

        var exitCode = await run.WaitForExitAsync(TimeSpan.FromMinutes(1));

        exitCode.ShouldNotBe(0);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1, run.Output);
        lines[0].ShouldStartWith("error: ");
        lines[0].ShouldContain(named);
        run.Output.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task PortInUseExitsNonZeroNamingThePortAndHowToChangeIt()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var taken = ((IPEndPoint)occupant.LocalEndpoint).Port;

        await using var run = AppHostRun.Start(new Dictionary<string, string?> { ["AppHost__Ports__api"] = taken.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var exitCode = await run.WaitForExitAsync(TimeSpan.FromMinutes(1));

        exitCode.ShouldNotBe(0);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1, run.Output);
        lines[0].ShouldContain($"port {taken}");
        lines[0].ShouldContain("AppHost:Ports:api");
    }
}
