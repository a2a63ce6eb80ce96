using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Zaitaku.Web.Site;

/// <summary>
/// Where the labels of an action's form fields come from, for the 503 page that shows back what a
/// person typed when the database failed (<see cref="StorageUnavailablePage"/>): it must say 「本文」
/// or the question the person answered, not Values[body] or f_3a9c…. The labels are looked up from
/// what the site holds in memory (the form catalogue, the document types), because by the time the
/// page is made the database has failed, possibly before the action ever ran (the sign-in check reads it).
/// </summary>
public interface IFieldLabelSource
{
    /// <param name="route">The failed request's route values (its form's key, its page's id).</param>
    IEnumerable<KeyValuePair<string, string>> LabelsFor(RouteValueDictionary route);
}

/// <summary>Names the <see cref="IFieldLabelSource"/> (a service) that knows the labels of this action's form.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class FieldLabelsFromAttribute(Type source) : Attribute
{
    public Type Source { get; } = source;
}

public static class FieldLabels
{
    /// <summary>
    /// The labels for the form the failed endpoint takes: from its <see cref="FieldLabelsFromAttribute"/>,
    /// and the [Display(Name)] of the models it binds (the account forms). Field names are compared
    /// without case, as model binding does.
    /// </summary>
    public static IReadOnlyDictionary<string, string> For(HttpContext context, Endpoint? endpoint, RouteValueDictionary? route)
    {
        var labels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (endpoint?.Metadata.GetMetadata<ControllerActionDescriptor>() is not { } action) return labels;
        var services = context.RequestServices;
        var metadata = services.GetRequiredService<IModelMetadataProvider>();
        foreach (var parameter in action.Parameters)
        {
            if (parameter.ParameterType.IsPrimitive || parameter.ParameterType == typeof(string)) continue;
            foreach (var property in metadata.GetMetadataForType(parameter.ParameterType).Properties)
            {
                if (property.DisplayName is not { Length: > 0 } label || property.PropertyName is null) continue;
                labels.TryAdd(property.PropertyName, label);
                labels.TryAdd($"{parameter.Name}.{property.PropertyName}", label);
            }
        }
        if (endpoint.Metadata.GetMetadata<FieldLabelsFromAttribute>() is { } from
            && ActivatorUtilities.GetServiceOrCreateInstance(services, from.Source) is IFieldLabelSource source)
        {
            foreach (var (name, label) in source.LabelsFor(route ?? []))
                if (!string.IsNullOrWhiteSpace(label)) labels[name] = label.Trim();
        }
        return labels;
    }
}
