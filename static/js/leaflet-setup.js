/*
 * What every Buurtplein map shares: Leaflet on the configured tiles, with the
 * marker images given by URL (Leaflet's own guess fails on hashed static file
 * names). Used by maps.js (residents) and location-pin.js (editors).
 */
window.buurtpleinMap = {
  create: function (container, settings, options) {
    var map = L.map(container, options || {});
    map.attributionControl.setPrefix(
      '<a href="https://leafletjs.com">Leaflet</a>'
    );
    L.tileLayer(settings.tiles, {
      attribution: settings.attribution,
      maxZoom: settings.maxZoom,
    }).addTo(map);
    return map;
  },
  icon: function (settings) {
    return L.icon({
      iconUrl: settings.icon.iconUrl,
      iconRetinaUrl: settings.icon.iconRetinaUrl,
      shadowUrl: settings.icon.shadowUrl,
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      popupAnchor: [1, -34],
      shadowSize: [41, 41],
    });
  },
};
