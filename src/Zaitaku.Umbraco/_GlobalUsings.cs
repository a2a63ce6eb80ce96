global using Umbraco.Cms.Core.DependencyInjection;
global using Umbraco.Extensions;
