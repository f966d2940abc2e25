using MusicGen.Api.Accounts;
using MusicGen.Api.Admin;
using MusicGen.Api.Files;
using MusicGen.Api.Generations;
using MusicGen.Api.Plans;
using MusicGen.Api.Playlists;
using MusicGen.Api.Problems;
using MusicGen.Api.Seed;
using MusicGen.Api.Tracks;
using MusicGen.Api.Webhooks;

using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

public static class Extensions
{
    /// <summary>Everything the API registers: database, cache, problem details, OpenAPI.</summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddMusicDb();
        builder.AddCacheHealthCheck();
        builder.AddMusicAuthentication();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<QuotaOptions>().BindConfiguration(QuotaOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<QuotaService>();
        builder.Services.AddScoped<GenerationSubmitter>();
        builder.Services.AddSingleton<QuotaUsageCounter>();
        builder.Services.AddSingleton<GenerationStatusCache>();
        builder.Services.AddSubmitRateLimit();
        builder.AddGenerationQueue();
        builder.AddWebhookSender();
        builder.AddTrackFiles();
        builder.AddGenerationEvents();
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailsDefaults.Customize);
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddValidation();
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication UseApplicationPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Every API route group.</summary>
    public static WebApplication MapMusicApis(this WebApplication app)
    {
        app.MapAccountsApi();
        app.MapApiKeysApi();
        app.MapMeApi();
        app.MapGenerationsApi();
        app.MapMusicGeneratorApi();
        app.MapTracksApi();
        app.MapPlaylistsApi();
        app.MapWebhooksApi();
        app.MapAdminQueuesApi();
        app.MapFilesApi();
        app.MapPlansApi();
        return app;
    }

    /// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and Swagger UI at <c>/swagger</c>.</summary>
    public static WebApplication MapApiDocuments(this WebApplication app)
    {
        app.MapOpenApi();
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "swagger";
            options.SwaggerEndpoint("/openapi/v1.json", "MusicGen API v1");
        });
        return app;
    }
}
