using MusicGen.Api.Generations;
using MusicGen.Api.Problems;
using MusicGen.Contracts.Plans;
using MusicGen.Engine.Plans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MusicGen.Api.Plans;

public static class PlansApi
{
    public static RouteHandlerBuilder MapPlansApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/plans", Create).WithTags("Plans").RequireAuthorization()
            .WithName("CreatePlan").WithSummary("The composition plan for a prompt")
            .WithDescription("Returns the sections, durations and styles the local engine would follow for this prompt and length, as an ElevenLabs-style composition plan that can be edited and sent back as a generation's compositionPlan.");

    public static Results<Ok<CompositionPlanDocument>, ValidationProblem> Create(PlanRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            return FieldProblem.Invalid("prompt", "A prompt is required, e.g. \"melancholic lo-fi piano, 80 bpm, rain\".");
        }

        if (request.LengthMs is < GenerationRequestValidator.MinLengthMs or > GenerationRequestValidator.MaxLengthMs)
        {
            return FieldProblem.Invalid("lengthMs", $"lengthMs must be between {GenerationRequestValidator.MinLengthMs:N0} and {GenerationRequestValidator.MaxLengthMs:N0} (3 seconds to 10 minutes); it was {request.LengthMs:N0}.");
        }

        CompositionPlan plan;
        try
        {
            plan = PlanFactory.FromPrompt(request.Prompt, request.LengthMs / 1000.0);
        }
        catch (ArgumentException e)
        {
            return FieldProblem.Invalid("prompt", e.Message);
        }

        return TypedResults.Ok(new CompositionPlanDocument
        {
            PositiveGlobalStyles = plan.PositiveGlobalStyles,
            NegativeGlobalStyles = plan.NegativeGlobalStyles,
            Sections = [.. plan.Sections.Select(s => new CompositionPlanSection
            {
                SectionName = s.SectionName,
                PositiveLocalStyles = s.PositiveLocalStyles,
                NegativeLocalStyles = s.NegativeLocalStyles,
                DurationMs = s.DurationMs,
                Lines = s.Lines,
            })],
        });
    }
}
