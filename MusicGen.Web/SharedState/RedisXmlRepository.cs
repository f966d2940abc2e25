using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using MusicGen.Redis;

namespace MusicGen.Web.SharedState;

/// <summary>
/// The Data Protection key ring in a Redis list, so every Web replica can read the cookies (and antiforgery
/// tokens) another one wrote. Like ASP.NET Core's own Redis repository, keys are stored as XML in plain
/// text: the Redis server must be as private as the keys. The interface is synchronous; Data Protection
/// calls it rarely (on start, then when the ring is refreshed, about once a day) and caches the ring.
/// </summary>
public sealed class RedisXmlRepository(RedisClient redis, string key) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var reply = redis.ExecuteAsync("LRANGE", key, 0, -1).GetAwaiter().GetResult();
        return [.. reply.Items.Select(item => XElement.Parse(item.AsString()!))];
    }

    public void StoreElement(XElement element, string friendlyName) =>
        redis.ExecuteAsync("RPUSH", key, element.ToString(SaveOptions.DisableFormatting)).GetAwaiter().GetResult();
}
