using MusicGen.Web.Components;
using MusicGen.Web.Endpoints;
using MusicGen.Web.Errors;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAuthentication();
app.UseAuthorization();
app.UseMiddleware<ApiFailureMiddleware>();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapSignOut();
app.MapGenerationEventsRelay();
app.MapTrackFileRedirects();
app.MapRazorComponents<App>();

app.Run();
