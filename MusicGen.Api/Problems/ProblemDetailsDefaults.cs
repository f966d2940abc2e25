using System.Text.Json;

namespace MusicGen.Api.Problems;

/// <summary>Problem bodies name fields as clients send them (camelCase JSON), not as C# properties.</summary>
public static class ProblemDetailsDefaults
{
    public static void Customize(ProblemDetailsContext context)
    {
        if (context.ProblemDetails is HttpValidationProblemDetails validation && validation.Errors.Count > 0)
        {
            var renamed = validation.Errors.ToDictionary(e => CamelCasePath(e.Key), e => e.Value);
            validation.Errors.Clear();
            foreach (var (key, value) in renamed)
            {
                validation.Errors[key] = value;
            }

            validation.Detail ??= string.Join(" ", renamed.SelectMany(e => e.Value));
        }
    }

    private static string CamelCasePath(string path) =>
        string.Join('.', path.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
