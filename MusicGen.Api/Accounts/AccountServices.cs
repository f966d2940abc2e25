using MusicGen.Core.Accounts;
using MusicGen.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MusicGen.Api.Accounts;

/// <summary>What the account endpoints share; a DI service (not [AsParameters]) so request validation never walks into the DbContext.</summary>
public sealed class AccountServices(MusicDbContext db, IPasswordHasher<User> hasher, TokenIssuer tokens, IOptions<AuthOptions> options, TimeProvider time)
{
    public MusicDbContext Db { get; } = db;

    public IPasswordHasher<User> Hasher { get; } = hasher;

    public TokenIssuer Tokens { get; } = tokens;

    public IOptions<AuthOptions> Options { get; } = options;

    public TimeProvider Time { get; } = time;
}
