using Microsoft.Extensions.Configuration;
using MusicGen.ServiceDefaults.ServiceDiscovery;

namespace MusicGen.ServiceDefaults.Tests.ServiceDiscovery;

public sealed class ServiceEndpointResolverTests
{
    private static ServiceEndpointResolver Resolver(params (string Key, string Value)[] settings) =>
        new(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build());

    [Fact]
    public void ResolveHttpUriWithHttpEndpointReturnsConfiguredAddressAndKeepsPath()
    {
        var resolver = Resolver(("services:api:http:0", "http://127.0.0.1:5100"));

        resolver.Resolve(new Uri("http://api/health?full=1")).ShouldBe(new Uri("http://127.0.0.1:5100/health?full=1"));
    }

    [Fact]
    public void ResolveHttpsUriWithHttpsEndpointReturnsHttpsAddress()
    {
        var resolver = Resolver(("services:api:https:0", "https://localhost:7100"), ("services:api:http:0", "http://localhost:5100"));

        resolver.Resolve(new Uri("https://api/x")).ShouldBe(new Uri("https://localhost:7100/x"));
    }

    [Fact]
    public void ResolveHttpsPlusHttpPrefersHttpsWhenBothAreConfigured()
    {
        var resolver = Resolver(("services:api:http:0", "http://localhost:5100"), ("services:api:https:0", "https://localhost:7100"));

        resolver.Resolve(new Uri("https+http://api/")).ShouldBe(new Uri("https://localhost:7100/"));
    }

    [Fact]
    public void ResolveHttpsPlusHttpFallsBackToHttpWhenOnlyHttpIsConfigured()
    {
        var resolver = Resolver(("services:api:http:0", "http://localhost:5100"));

        resolver.Resolve(new Uri("https+http://api/health")).ShouldBe(new Uri("http://localhost:5100/health"));
    }

    [Fact]
    public void ResolveHttpPlusHttpsPrefersHttp()
    {
        var resolver = Resolver(("services:api:http:0", "http://localhost:5100"), ("services:api:https:0", "https://localhost:7100"));

        resolver.Resolve(new Uri("http+https://api/")).ShouldBe(new Uri("http://localhost:5100/"));
    }

    [Fact]
    public void ResolveUsesDefaultEndpointBeforeSchemeNamedOnes()
    {
        var resolver = Resolver(("services:api:default:0", "http://10.0.0.1:80"), ("services:api:http:0", "http://localhost:5100"));

        resolver.Resolve(new Uri("https+http://api/")).ShouldBe(new Uri("http://10.0.0.1/"));
    }

    [Fact]
    public void ResolveIgnoresCaseOfConfigurationKeys()
    {
        var resolver = Resolver(("Services:API:Http:0", "http://localhost:5100"));

        resolver.Resolve(new Uri("http://api/")).ShouldBe(new Uri("http://localhost:5100/"));
    }

    [Fact]
    public void ResolveReadsEnvironmentVariableForm()
    {
        var prefix = $"MUSICGEN_TEST_{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable(prefix + "services__api__http__0", "http://127.0.0.1:5200");
        try
        {
            var resolver = new ServiceEndpointResolver(new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build());

            resolver.Resolve(new Uri("https+http://api/health")).ShouldBe(new Uri("http://127.0.0.1:5200/health"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "services__api__http__0", null);
        }
    }

    [Fact]
    public void ResolveSeveralIndexedEndpointsTakesThemInTurn()
    {
        var resolver = Resolver(("services:api:http:0", "http://localhost:5100"), ("services:api:http:1", "http://localhost:5101"));

        var ports = Enumerable.Range(0, 4).Select(_ => resolver.Resolve(new Uri("http://api/")).Port).ToList();

        ports.ShouldBe([5100, 5101, 5100, 5101]);
    }

    [Fact]
    public void ResolveNamedEndpointSelectsThatEndpoint()
    {
        var resolver = Resolver(("services:api:http:0", "http://localhost:5100"), ("services:api:admin:0", "http://localhost:5900"));

        resolver.Resolve(new Uri("http://_admin.api/queues")).ShouldBe(new Uri("http://localhost:5900/queues"));
    }

    [Fact]
    public void ResolvePlainHostWithoutConfigurationPassesThrough()
    {
        var resolver = Resolver(("services:api:http:0", "http://localhost:5100"));
        var external = new Uri("https://api.elevenlabs.io/v1/music");

        resolver.Resolve(external).ShouldBeSameAs(external);
    }

    [Fact]
    public void ResolveHttpsPlusHttpForUnconfiguredServiceThrowsNamingTheMissingKey()
    {
        var resolver = Resolver();

        var error = Should.Throw<ServiceNotFoundException>(() => resolver.Resolve(new Uri("https+http://api/health")));

        error.Message.ShouldContain("services:api:https:0");
        error.Message.ShouldContain("services__api__http__0");
    }

    [Fact]
    public void ResolveConfiguredServiceWithoutRequestedSchemeThrows()
    {
        var resolver = Resolver(("services:api:http:0", "http://localhost:5100"));

        var error = Should.Throw<ServiceNotFoundException>(() => resolver.Resolve(new Uri("https://api/")));

        error.Message.ShouldContain("services:api:https:0");
        error.Message.ShouldContain("configured: http");
    }

    [Fact]
    public void ResolveNonNumericIndexThrows()
    {
        var resolver = Resolver(("services:api:http:primary", "http://localhost:5100"));

        Should.Throw<ServiceNotFoundException>(() => resolver.Resolve(new Uri("http://api/"))).Message.ShouldContain("numeric index");
    }
}
