namespace MusicGen.Contracts.Admin;

public sealed record FailedGenerationPage(IReadOnlyList<FailedGeneration> Items, int Page, int PageSize, int Total);
