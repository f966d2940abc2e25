using MusicGen.Contracts;

namespace MusicGen.Web.Components.Shared;

/// <summary>The API's verdict on a submitted form: a summary and, per field (the API's camelCase names), its messages.</summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, string> _fields = new(StringComparer.OrdinalIgnoreCase);

    public string? Summary { get; private set; }

    public bool Any => Summary is not null || _fields.Count > 0;

    public static FormErrors From(MusicGenApiException problem)
    {
        var errors = new FormErrors { Summary = problem.Errors.Count > 0 ? "Please correct the fields marked below." : problem.Detail ?? problem.Title };
        foreach (var (field, messages) in problem.Errors)
        {
            errors._fields[field] = string.Join(" ", messages);
        }

        return errors;
    }

    public static FormErrors Message(string summary) => new() { Summary = summary };

    public string? For(string field) => _fields.GetValueOrDefault(field);

    /// <summary>Fields the form does not show: their messages go in the summary so none is lost.</summary>
    public IEnumerable<string> Except(params string[] shown) =>
        _fields.Where(f => !shown.Contains(f.Key, StringComparer.OrdinalIgnoreCase)).Select(f => f.Value);
}
