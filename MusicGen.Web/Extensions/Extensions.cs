using MusicGen.Contracts;
using MusicGen.Web.Components.Health;

namespace Microsoft.Extensions.Hosting;

internal static class Extensions
{
    /// <summary>The logical address of the API; service discovery resolves it from <c>services:api:*</c>.</summary>
    public const string ApiBaseAddress = "https+http://api";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();

        builder.Services.AddHttpClient<MusicGenClient>(client => client.BaseAddress = new Uri(ApiBaseAddress));
        builder.Services.AddScoped<ApiHealthProbe>();
    }
}
