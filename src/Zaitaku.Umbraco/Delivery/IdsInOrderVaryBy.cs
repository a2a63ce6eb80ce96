using Microsoft.AspNetCore.OutputCaching;
using Umbraco.Cms.Api.Delivery.Caching;

namespace Zaitaku.Web.Delivery;

/// <summary>
/// Items asked by id come back in the order asked (<see cref="DeliveryApiAnswers"/>), but the output cache files
/// ?id=a&amp;id=b and ?id=b&amp;id=a under one key (it sorts a key's values): the ids in the order asked make them
/// two entries.
/// </summary>
public sealed class IdsInOrderVaryBy : IDeliveryApiOutputCacheVaryByProvider
{
    public void ConfigureVaryBy(HttpContext context, CacheVaryByRules rules)
    {
        if (DeliveryApiAnswers.AskedIds(context) is { Count: > 1 } ids)
            rules.VaryByValues["ids-in-order"] = string.Join(',', ids);
    }
}
