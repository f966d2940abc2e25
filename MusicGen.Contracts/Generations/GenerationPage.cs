namespace MusicGen.Contracts.Generations;

public sealed record GenerationPage(IReadOnlyList<GenerationResponse> Items, int Page, int PageSize, int Total);
