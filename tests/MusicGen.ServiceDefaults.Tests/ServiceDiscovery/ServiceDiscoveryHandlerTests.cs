using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MusicGen.ServiceDefaults.ServiceDiscovery;
using MusicGen.ServiceDefaults.Tests.Support;

namespace MusicGen.ServiceDefaults.Tests.ServiceDiscovery;

public sealed class ServiceDiscoveryHandlerTests
{
    [Theory]
    [InlineData("http://api")]
    [InlineData("https+http://api")]
    [InlineData("http+https://api")]
    public async Task SendLogicalUriReachesConfiguredServer(string baseAddress)
    {
        await using var server = await LocalServer.StartAsync(app => app.MapGet("/ping", () => "pong"));
        using var services = ClientServices(("services:api:http:0", server.Address.ToString()));
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient();

        var body = await client.GetStringAsync(new Uri(new Uri(baseAddress), "/ping"), TestContext.Current.CancellationToken);

        body.ShouldBe("pong");
    }

    [Theory]
    [InlineData("https://api")]
    [InlineData("https+http://api")]
    public async Task SendHttpsPreferringUriReachesHttpsServer(string baseAddress)
    {
        using var certificate = SelfSignedCertificate();
        await using var https = await LocalServer.StartAsync(app => app.MapGet("/ping", (HttpRequest r) => r.Scheme), httpsCertificate: certificate);
        await using var http = await LocalServer.StartAsync(app => app.MapGet("/ping", (HttpRequest r) => r.Scheme));
        using var services = ClientServices(("services:api:https:0", https.Address.ToString()), ("services:api:http:0", http.Address.ToString()));
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("trusting");

        var body = await client.GetStringAsync(new Uri(new Uri(baseAddress), "/ping"), TestContext.Current.CancellationToken);

        body.ShouldBe("https");
    }

    [Fact]
    public async Task SendToUnconfiguredServiceThrowsServiceNotFound()
    {
        using var services = ClientServices();
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient();

        var error = await Should.ThrowAsync<ServiceNotFoundException>(
            () => client.GetStringAsync(new Uri("https+http://api/ping"), TestContext.Current.CancellationToken));

        error.Message.ShouldContain("services__api__https__0");
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private static ServiceProvider ClientServices(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddServiceDiscovery();
        services.ConfigureHttpClientDefaults(http => http.AddServiceDiscovery());
        services.AddHttpClient("trusting").ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        });
        return services.BuildServiceProvider();
    }
}
