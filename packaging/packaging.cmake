# Debian packages: motcua-kiosk, motcua-sync and motcua-server, one CPack component each.
# Build them from a configured tree: `cmake --build build/default --target package-debs`
# (or `cd build/default && cpack -G DEB`). Layout (docs/deploy-security.md, README "Packages"):
#   /usr/bin/motcua-*                       programs (stripped)
#   /usr/share/motcua/assets                kiosk texts, found relative to /usr/bin (find_assets_dir)
#   /etc/motcua/<prog>.toml                 settings, dpkg conffiles: local edits survive upgrades
#   /lib/systemd/system/*.service           hardened units
#   /var/lib/motcua                         databases, made by postinst for the system user motcua
include(GNUInstallDirs)

set(MOTCUA_PACKAGE_MAINTAINER "motcua maintainers <maintainers@users.noreply.h-seed-a7f71952.example>"
    CACHE STRING "Maintainer field of the .deb packages")
set(MOTCUA_PACKAGING_DIR ${CMAKE_CURRENT_LIST_DIR})
set(MOTCUA_PACKAGE_COMPONENTS sync server)
if(MOTCUA_KIOSK_WINDOW)
  list(APPEND MOTCUA_PACKAGE_COMPONENTS kiosk)
endif()

# The programs' install() lines (COMPONENT kiosk, sync, server) are next to their targets.
# Per package: its settings file, its units, copyright and changelog, and maintainer scripts made
# from one template (packaging/debian/*.in) with the package's units filled in.
function(motcua_package component summary description units start_on_install)
  set(package motcua-${component})
  set(doc_dir ${CMAKE_INSTALL_DATAROOTDIR}/doc/${package})
  install(FILES ${MOTCUA_SOURCE_DIR}/config/${component}.toml DESTINATION /etc/motcua COMPONENT ${component})
  foreach(unit IN LISTS units)
    install(FILES ${MOTCUA_PACKAGING_DIR}/systemd/${unit} DESTINATION /lib/systemd/system COMPONENT ${component})
  endforeach()
  install(FILES ${MOTCUA_PACKAGING_DIR}/debian/copyright DESTINATION ${doc_dir} COMPONENT ${component})

  set(out ${CMAKE_BINARY_DIR}/packaging/${package})
  # Debian wants changelog.Debian.gz compressed with -9n (no time stamp: the same bytes every build).
  set(PACKAGE ${package})
  set(VERSION ${PROJECT_VERSION})
  configure_file(${MOTCUA_PACKAGING_DIR}/debian/changelog.in ${out}/changelog.Debian @ONLY)
  execute_process(COMMAND gzip -9nf ${out}/changelog.Debian RESULT_VARIABLE gzip_rc)
  if(NOT gzip_rc EQUAL 0)
    message(FATAL_ERROR "gzip of ${out}/changelog.Debian failed")
  endif()
  install(FILES ${out}/changelog.Debian.gz DESTINATION ${doc_dir} COMPONENT ${component})

  # Units enabled (and started, for the daemons) at install, as dh_installsystemd would do.
  set(UNITS "${units}")
  string(REPLACE ";" " " UNITS "${UNITS}")
  set(START_ON_INSTALL ${start_on_install})
  set(conffiles "/etc/motcua/${component}.toml\n")
  file(WRITE ${out}/conffiles "${conffiles}")
  foreach(script postinst prerm postrm)
    configure_file(${MOTCUA_PACKAGING_DIR}/debian/${script}.in ${out}/${script} @ONLY
                   FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
  endforeach()

  string(TOUPPER ${component} C)
  set(CPACK_DEBIAN_${C}_PACKAGE_NAME ${package} PARENT_SCOPE)
  set(CPACK_COMPONENT_${C}_DISPLAY_NAME ${package} PARENT_SCOPE)
  set(CPACK_DEBIAN_${C}_DESCRIPTION "${summary}\n${description}" PARENT_SCOPE)
  set(CPACK_DEBIAN_${C}_PACKAGE_CONTROL_EXTRA "${out}/conffiles;${out}/postinst;${out}/prerm;${out}/postrm" PARENT_SCOPE)
endfunction()

motcua_package(sync "delivers a kiosk's ratings and tickets to the district server"
  "motcua-sync sends the events a motcua kiosk stored in its local SQLite\ndatabase to the district server over HTTPS, retries until the server has\nthem (nothing is dropped), pulls the server's configuration and reports the\nkiosk's health. It runs as a systemd service."
  "motcua-sync.service" yes)
motcua_package(server "district server for motcua public-service counter kiosks"
  "motcua-server receives the events of the kiosks of a district (ratings,\nqueue tickets), stores them in SQLite, enrols kiosks and prints satisfaction\nreports. It runs as a systemd service."
  "motcua-server.service" yes)
if(MOTCUA_KIOSK_WINDOW)
  motcua_package(kiosk "touch-screen kiosk for Vietnamese public-service counters"
    "motcua-kiosk shows the citizen screens of a public-service (Mot cua) counter\n(satisfaction rating, queue tickets, counter and board roles) full screen,\nand stores every event in a local SQLite database before thanking the\ncitizen; motcua-sync delivers them to the district server."
    "motcua-kiosk@.service" manual)
  # The screen session's PAM service (motcua-kiosk@.service, PAMName=motcua-kiosk): a conffile.
  install(FILES ${MOTCUA_PACKAGING_DIR}/pam/motcua-kiosk DESTINATION /etc/pam.d COMPONENT kiosk)
  file(APPEND ${CMAKE_BINARY_DIR}/packaging/motcua-kiosk/conffiles "/etc/pam.d/motcua-kiosk\n")
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME motcua)
set(CPACK_PACKAGE_VENDOR motcua)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${MOTCUA_PACKAGE_MAINTAINER})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL ${MOTCUA_PACKAGE_COMPONENTS})
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# postinst: adduser makes the system user; deb-systemd-helper (init-system-helpers) enables the units.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, init-system-helpers (>= 1.52)")
# cage: the screen session (motcua-kiosk@.service); libpam-systemd: its logind session;
# libegl1, libegl-mesa0 and libgl1-mesa-dri: SDL's Wayland driver draws with OpenGL (llvmpipe without a GPU).
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS "adduser, init-system-helpers (>= 1.52), fonts-noto-core, cage, libpam-systemd, libegl1, libegl-mesa0, libgl1-mesa-dri")
# The server draws enrolment sheets with these fonts (cairo finds them through fontconfig).
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser, init-system-helpers (>= 1.52), fonts-noto-core, fonts-dejavu-core")
set(CPACK_DEBIAN_KIOSK_PACKAGE_RECOMMENDS "motcua-sync (= ${PROJECT_VERSION}-1)")
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
# The web dashboard serves Chart.js from this package (web.chartjs_dir); without it pages show no chart.
set(CPACK_DEBIAN_SERVER_PACKAGE_RECOMMENDS "libjs-chart.js")
set(CPACK_DEBIAN_SYNC_PACKAGE_SECTION net)
include(CPack)

# One command for IT staff and CI: builds the programs, then the three .debs in <build>/.
add_custom_target(package-debs
  COMMAND ${CMAKE_CPACK_COMMAND} -G DEB --config ${CMAKE_BINARY_DIR}/CPackConfig.cmake
  WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
  COMMENT "Building the motcua .deb packages"
  VERBATIM)
set(package_programs motcua-sync motcua-server)
if(MOTCUA_KIOSK_WINDOW)
  list(APPEND package_programs motcua-kiosk)
endif()
add_dependencies(package-debs ${package_programs})
