using System.Text;

namespace MusicGen.Core.Storage;

/// <summary>
/// <c>Content-Disposition: attachment</c> values that make a browser save a file under a readable name:
/// a quoted ASCII <c>filename</c> for old clients and, when the name is not plain ASCII, an RFC 5987
/// <c>filename*=UTF-8''…</c> that modern browsers prefer (RFC 6266 §4.3). Shared by the S3 store (as the
/// presigned <c>response-content-disposition</c>) and the API's signed file links, so both save alike.
/// </summary>
public static class ContentDisposition
{
    public static string Attachment(string fileName)
    {
        var name = Clean(fileName);
        var ascii = AsciiFallback(name);
        return ascii == name
            ? $"attachment; filename=\"{ascii}\""
            : $"attachment; filename=\"{ascii}\"; filename*=UTF-8''{Rfc5987(name)}";
    }

    /// <summary>A name without what a file system or header cannot hold: control characters, quotes, slashes, backslashes.</summary>
    public static string Clean(string fileName)
    {
        var builder = new StringBuilder(fileName.Length);
        foreach (var c in fileName.Normalize(NormalizationForm.FormC))
        {
            builder.Append(char.IsControl(c) || c is '"' or '/' or '\\' or ':' or '*' or '?' or '<' or '>' or '|' ? '_' : c);
        }

        var clean = builder.ToString().Trim().TrimStart('.');
        return clean.Length == 0 ? "download" : clean;
    }

    /// <summary>Accents dropped where a letter has a plain form (é → e), anything else outside printable ASCII as '_'.</summary>
    private static string AsciiFallback(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c is >= ' ' and <= '~' ? c : '_');
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>RFC 5987 ext-value: UTF-8, every byte outside attr-char percent-encoded.</summary>
    private static string Rfc5987(string name)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '&' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
