using System.ComponentModel.DataAnnotations;

namespace MusicGen.Contracts.Accounts;

public sealed record CreateApiKeyRequest([property: Required, MinLength(1), MaxLength(120)] string Name);
