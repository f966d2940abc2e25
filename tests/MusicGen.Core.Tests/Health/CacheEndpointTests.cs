using MusicGen.Core.Health;

namespace MusicGen.Core.Tests.Health;

public sealed class CacheEndpointTests
{
    [Fact]
    public void ParseStackExchangeFormReadsHostPortPasswordAndSsl()
    {
        CacheEndpoint.Parse("cache.example:6380,password=p=w,ssl=true,abortConnect=false")
            .ShouldBe(new CacheEndpoint("cache.example", 6380, "p=w", true));
    }

    [Fact]
    public void ParseHostWithoutPortUsesDefaultPort()
    {
        CacheEndpoint.Parse("localhost").ShouldBe(new CacheEndpoint("localhost", 6379, null, false));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("localhost:notaport")]
    [InlineData("localhost:70000")]
    [InlineData("password=x")]
    [InlineData(":6379")]
    public void ParseMissingOrMalformedStringThrowsWithWhatToFix(string? connectionString)
    {
        Should.Throw<InvalidOperationException>(() => CacheEndpoint.Parse(connectionString))
            .Message.ShouldStartWith("ConnectionStrings:cache ");
    }
}
